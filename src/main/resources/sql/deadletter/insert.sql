-- A sync event that exhausted its retries. next_replay_at (null: never automatically) is when the scheduled
-- replay may first pick it up.
insert into dead_letter (event_id, appointment_id, action, payload, error, error_class, http_status, retryable,
                         attempts, status, next_replay_at, last_attempt_at)
values (:eventId, :appointmentId, :action, cast(:payload as jsonb), :error, :errorClass, :httpStatus, :retryable,
        :attempts, 'OPEN', now() + make_interval(secs => cast(:delaySeconds as double precision)), now())
returning id
