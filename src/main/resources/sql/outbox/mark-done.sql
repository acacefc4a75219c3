update sync_outbox
   set status = :status, result = cast(:result as jsonb), last_error = null, lease_until = null, completed_at = now()
 where event_id = :eventId and status = 'PROCESSING'
