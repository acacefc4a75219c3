update sync_outbox
   set status = 'DEAD', last_error = :error, lease_until = null, completed_at = now()
 where event_id = :eventId and status = 'PROCESSING'
