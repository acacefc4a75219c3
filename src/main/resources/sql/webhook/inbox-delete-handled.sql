-- Deletes up to :batch handled webhooks (DONE or IGNORED) received and processed before :cutoff, oldest first.
-- DEAD and open rows stay. Ids grow with arrival, so the primary key walks the oldest rows first.
delete from webhook_inbox
 where id in (select id
                from webhook_inbox
               where status in ('DONE', 'IGNORED')
                 and received_at < :cutoff
                 and processed_at < :cutoff
               order by id
               limit :batch)
