-- Events still waiting for the sync pipeline now (served by the partial index on open rows).
select count(*) filter (where status = 'PENDING')                                      as pending,
       count(*) filter (where status = 'PROCESSING')                                   as processing,
       coalesce(extract(epoch from now() - min(created_at)), 0)                         as oldest_age_seconds
  from sync_outbox
 where status in ('PENDING', 'PROCESSING')
