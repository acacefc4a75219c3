-- Durable inbox of signed GHL webhooks: a row is written (and committed) before GHL gets its 2xx, then handled
-- asynchronously by the inbox claimer.

create table webhook_inbox (
    id               bigserial primary key,
    -- GHL's webhookId, or "sha256:<hex of the raw body>" when the event has none.
    webhook_id       text not null unique,
    type             text,
    location_id      text,
    -- Events with the same key (one GHL contact or appointment) are handled strictly in arrival order.
    entity_key       text,
    payload          jsonb not null,
    -- The exact signed body, so a stored event can be verified again later.
    raw_body         text not null,
    signature        text not null check (signature in ('ed25519', 'rsa', 'skipped')),
    received_at      timestamptz not null default now(),
    status           text not null default 'PENDING'
                     check (status in ('PENDING', 'PROCESSING', 'DONE', 'IGNORED', 'FAILED', 'DEAD')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    lease_until      timestamptz,
    outcome          text,
    processed_at     timestamptz
);
-- Matches the claim query: open rows in id order, and the "earlier open event of the same entity" probe.
create index webhook_inbox_open_idx on webhook_inbox (id) where status in ('PENDING', 'PROCESSING');
create index webhook_inbox_open_entity_idx on webhook_inbox (entity_key, id) where status in ('PENDING', 'PROCESSING');
