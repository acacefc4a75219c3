-- Claim up to :limit events in one statement. Only the oldest open event of each appointment is claimable, so
-- events of one appointment run in order while other appointments proceed. Rows whose lease ran out (a crashed
-- or stopped worker) are claimable again.
-- Fair across GHL locations: candidates are ranked within their location (oldest first) and taken round-robin by
-- that rank, so a location with a backlog of thousands takes one slot per round like a location with one event.
-- (Row locks cannot be taken in a query with a window function: the ranked ids are locked in a second step.)
with ranked as (
       select p.id,
              row_number() over (partition by p.location_id order by p.id) as location_rank
         from sync_outbox p
        where ((p.status = 'PENDING' and p.next_attempt_at <= now())
               or (p.status = 'PROCESSING' and p.lease_until < now()))
          and not exists (select 1
                            from sync_outbox q
                           where q.appointment_id = p.appointment_id
                             and q.id < p.id
                             and q.status in ('PENDING', 'PROCESSING'))
          -- locations that already have their share of this instance's workers (never empty: a sentinel)
          and coalesce(p.location_id, '') not in (:fullLocations)),
     picked as (
       select id, location_rank from ranked where location_rank <= :perLocation
        order by location_rank, id limit :limit),
     claimed as (
update sync_outbox o
   set status = 'PROCESSING',
       attempts = o.attempts + 1,
       lease_until = now() + make_interval(secs => :leaseSeconds),
       claimed_by = :worker
  from picked k
 where k.id = o.id
   and o.id in (
       select s.id
         from sync_outbox s
        where s.id in (select id from picked)
          and ((s.status = 'PENDING' and s.next_attempt_at <= now())
               or (s.status = 'PROCESSING' and s.lease_until < now()))
          for update skip locked)
returning o.id, o.event_id, o.appointment_id, o.action, o.event_timestamp, o.idempotency_key, o.location_id,
          o.payload::text as payload, o.attempts, o.created_at, k.location_rank)
-- Handed to the workers in round-robin order too.
select * from claimed order by location_rank, id
