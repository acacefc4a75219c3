-- Claim up to :limit stored webhooks in one statement. Only the oldest open event of each GHL object is claimable,
-- so events of one contact or appointment are applied in arrival order. Rows whose lease ran out (a crashed or
-- stopped worker) are claimable again.
update webhook_inbox w
   set status = 'PROCESSING',
       attempts = w.attempts + 1,
       lease_until = now() + make_interval(secs => :leaseSeconds)
 where w.id in (
       select p.id
         from webhook_inbox p
        where ((p.status = 'PENDING' and p.next_attempt_at <= now())
               or (p.status = 'PROCESSING' and p.lease_until < now()))
          and (p.entity_key is null
               or not exists (select 1
                                from webhook_inbox q
                               where q.entity_key = p.entity_key
                                 and q.id < p.id
                                 and q.status in ('PENDING', 'PROCESSING')))
        order by p.id
        limit :limit
          for update skip locked)
returning w.id, w.webhook_id, w.type, w.location_id, w.raw_body, w.attempts
