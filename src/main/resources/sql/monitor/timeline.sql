-- Outbox events finished in [from, to), per minute (epoch minute, time-zone free): done (DONE + DUPLICATE, as the
-- monitor counts them), dead, and the event-to-GHL latency of DONE events (completed_at - created_at) in ms.
-- Duplicates never reached GHL, so they do not enter the latency.
select floor(extract(epoch from completed_at) / 60)::bigint                                    as minute,
       count(*) filter (where status in ('DONE', 'DUPLICATE'))                                  as done,
       count(*) filter (where status = 'DEAD')                                                  as dead,
       percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at) * 1000)
           filter (where status = 'DONE')                                                       as p50_ms,
       percentile_cont(0.95) within group (order by extract(epoch from completed_at - created_at) * 1000)
           filter (where status = 'DONE')                                                       as p95_ms
  from sync_outbox
 where status in ('DONE', 'DUPLICATE', 'DEAD')
   and completed_at >= :from
   and completed_at < :to
 group by 1
 order by 1
