select id, event_id, appointment_id, action, error, error_class, http_status, retryable, attempts, status,
       replay_count, next_replay_at, discard_reason, created_at, last_attempt_at
  from dead_letter
 where id = :id
