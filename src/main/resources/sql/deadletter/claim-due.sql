-- Scheduled replay: claim retryable open entries whose time has come, in one statement (safe with several
-- instances: rows locked by another instance are skipped).
update dead_letter
   set status = 'REPLAYING'
 where id in (select id
                from dead_letter
               where status = 'OPEN'
                 and retryable
                 and (next_replay_at is null or next_replay_at <= now())
               order by coalesce(next_replay_at, created_at), id
               limit :limit
                 for update skip locked)
returning id, event_id, appointment_id, replay_count
