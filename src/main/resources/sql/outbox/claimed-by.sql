-- Events an instance holds; the dispatcher hands back those it is not working on after a database outage.
select event_id from sync_outbox where status = 'PROCESSING' and claimed_by = :worker
