-- The entry a replay of this event came from: a repeated failure reopens it, so its replay count (and with it the
-- backoff and the parking limit) carries on instead of starting over with a new entry.
select id, replay_count
  from dead_letter
 where event_id = :eventId and status in ('REPLAYED', 'REPLAYING')
 order by id desc
 limit 1
   for update
