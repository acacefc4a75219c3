-- The appointment moved on in GHL already; replaying this entry would undo that.
update dead_letter
   set status = 'DISCARDED', discard_reason = 'superseded', next_replay_at = null, replay_count = replay_count + 1
 where id = :id and status = 'REPLAYING'
