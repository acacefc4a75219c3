-- Entries a manual replay may take (open or parked), locked for the replay transaction; rows another instance
-- holds are skipped rather than waited for.
update dead_letter
   set status = 'REPLAYING'
 where id in (select id
                from dead_letter
               where status in ('OPEN', 'PARKED')
                 and (cast(:id as bigint) is null or id = cast(:id as bigint))
                 and (cast(:appointmentId as uuid) is null or appointment_id = cast(:appointmentId as uuid))
                 and (cast(:action as text) is null or action = cast(:action as text))
                 and (cast(:errorClass as text) is null or error_class = cast(:errorClass as text))
                 and (cast(:status as text) is null or status = cast(:status as text))
                 and (cast(:olderThanSeconds as integer) is null
                      or created_at <= now() - make_interval(secs => cast(:olderThanSeconds as integer)))
               order by id
               limit :limit
                 for update skip locked)
returning id, event_id, appointment_id, replay_count
