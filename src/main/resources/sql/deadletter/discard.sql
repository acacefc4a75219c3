update dead_letter
   set status = 'DISCARDED', discard_reason = :reason, next_replay_at = null
 where id = :id and status in ('OPEN', 'PARKED')
