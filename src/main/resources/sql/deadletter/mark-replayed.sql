update dead_letter
   set status = 'REPLAYED', replay_count = replay_count + 1, next_replay_at = null
 where id = :id and status = 'REPLAYING'
