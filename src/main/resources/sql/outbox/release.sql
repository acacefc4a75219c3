-- Hand a claimed event back (e.g. sync disabled, or shutdown) without counting the attempt.
update sync_outbox
   set status = 'PENDING', lease_until = null, claimed_by = null, attempts = greatest(attempts - 1, 0),
       next_attempt_at = now() + make_interval(secs => :delaySeconds)
 where event_id = :eventId and status = 'PROCESSING'
