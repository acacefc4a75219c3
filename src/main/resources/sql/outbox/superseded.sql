-- True when the appointment has a DONE outbox event created after the dead one: replaying the dead event would
-- move GHL back to an older state than the booking system's current one.
select exists (select 1
                 from sync_outbox dead
                 join sync_outbox newer on newer.appointment_id = dead.appointment_id
                where dead.event_id = :eventId
                  and newer.status = 'DONE'
                  and (newer.created_at, newer.id) > (dead.created_at, dead.id))
