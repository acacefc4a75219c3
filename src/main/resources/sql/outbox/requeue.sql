-- A dead-lettered event goes back to the outbox for another run (manual or scheduled replay).
update sync_outbox
   set status = 'PENDING', next_attempt_at = now(), lease_until = null, claimed_by = null, last_error = null,
       completed_at = null
 where event_id = :eventId and status = 'DEAD'
