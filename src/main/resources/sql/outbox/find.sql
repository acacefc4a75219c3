select event_id, appointment_id, action, status, attempts, last_error, result::text as result, created_at,
       completed_at
  from sync_outbox
 where event_id = :eventId
