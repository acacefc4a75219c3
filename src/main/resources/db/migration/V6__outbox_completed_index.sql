-- The operations timeline and the monitor read finished events by completion time.
create index sync_outbox_completed_idx on sync_outbox (completed_at) where completed_at is not null;
