-- Claim up to :limit events in one statement. Only the oldest open event of each appointment is claimable, so
-- events of one appointment run in order while other appointments proceed. Rows whose lease ran out (a crashed
-- or stopped worker) are claimable again.
update sync_outbox o
   set status = 'PROCESSING',
       attempts = o.attempts + 1,
       lease_until = now() + make_interval(secs => :leaseSeconds),
       claimed_by = :worker
 where o.id in (
       select p.id
         from sync_outbox p
        where ((p.status = 'PENDING' and p.next_attempt_at <= now())
               or (p.status = 'PROCESSING' and p.lease_until < now()))
          and not exists (select 1
                            from sync_outbox q
                           where q.appointment_id = p.appointment_id
                             and q.id < p.id
                             and q.status in ('PENDING', 'PROCESSING'))
        order by p.id
        limit :limit
          for update skip locked)
returning o.id, o.event_id, o.appointment_id, o.action, o.event_timestamp, o.idempotency_key, o.location_id,
          o.payload::text as payload, o.attempts, o.created_at
