insert into dead_letter (event_id, appointment_id, action, payload, error, error_class, http_status, retryable,
                         attempts, last_attempt_at)
values (:eventId, :appointmentId, :action, cast(:payload as jsonb), :error, :errorClass, :httpStatus, :retryable,
        :attempts, now())
returning id
