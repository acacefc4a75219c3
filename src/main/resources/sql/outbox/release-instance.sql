-- At start: events this instance had claimed before it stopped or crashed go back to the queue at once,
-- instead of waiting for their lease to run out.
update sync_outbox
   set status = 'PENDING', lease_until = null, claimed_by = null, next_attempt_at = now()
 where status = 'PROCESSING' and claimed_by = :worker
