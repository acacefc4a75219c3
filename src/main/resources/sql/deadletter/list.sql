-- Filtered listing, newest first. A null parameter means "any".
select id, event_id, appointment_id, action, error, error_class, http_status, retryable, attempts, status,
       replay_count, next_replay_at, discard_reason, created_at, last_attempt_at
  from dead_letter
 where (cast(:appointmentId as uuid) is null or appointment_id = cast(:appointmentId as uuid))
   and (cast(:action as text) is null or action = cast(:action as text))
   and (cast(:errorClass as text) is null or error_class = cast(:errorClass as text))
   and (cast(:status as text) is null or status = cast(:status as text))
   and (cast(:olderThanSeconds as integer) is null
        or created_at <= now() - make_interval(secs => cast(:olderThanSeconds as integer)))
 order by created_at desc, id desc
 limit :limit
