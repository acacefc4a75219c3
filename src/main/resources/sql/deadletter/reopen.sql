update dead_letter
   set status = :status, error = :error, error_class = :errorClass, http_status = :httpStatus,
       retryable = :retryable, attempts = attempts + :attempts, payload = cast(:payload as jsonb),
       next_replay_at = now() + make_interval(secs => cast(:delaySeconds as double precision)),
       last_attempt_at = now()
 where id = :id
