-- A replay that could not put the event back in the outbox: try again later, or park it.
update dead_letter
   set status = :status, replay_count = replay_count + 1,
       next_replay_at = now() + make_interval(secs => cast(:delaySeconds as double precision))
 where id = :id and status = 'REPLAYING'
