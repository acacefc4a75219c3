-- Durable sync pipeline: outbox, step journal, idempotency keys, dead letters, GHL id caches.

create table sync_outbox (
    id               bigserial primary key,
    event_id         uuid not null unique default gen_random_uuid(),
    appointment_id   uuid not null references appointments (id),
    action           text not null check (action in ('create', 'update', 'confirm', 'cancel', 'complete')),
    event_timestamp  timestamptz not null,
    idempotency_key  text not null unique,
    location_id      text,
    payload          jsonb not null default '{}'::jsonb,
    status           text not null default 'PENDING'
                     check (status in ('PENDING', 'PROCESSING', 'DONE', 'DEAD', 'DUPLICATE')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    lease_until      timestamptz,
    claimed_by       text,
    last_error       text,
    result           jsonb,
    created_at       timestamptz not null default now(),
    completed_at     timestamptz
);
-- Matches the claim query: only open rows, in id order, per appointment.
create index sync_outbox_open_idx on sync_outbox (id) where status in ('PENDING', 'PROCESSING');
create index sync_outbox_open_appt_idx on sync_outbox (appointment_id, id) where status in ('PENDING', 'PROCESSING');
create index sync_outbox_appt_idx on sync_outbox (appointment_id);

-- One row per GHL call that completed for an event: a retry resumes after the last one.
create table sync_step_journal (
    event_id     uuid not null,
    step         text not null,
    response     jsonb,
    completed_at timestamptz not null default now(),
    primary key (event_id, step)
);

-- Camel JdbcMessageIdRepository table, owned here so it has a primary key.
create table camel_messageprocessed (
    processorName varchar(255) not null,
    messageId     varchar(255) not null,
    createdAt     timestamp    not null,
    primary key (processorName, messageId)
);

create table dead_letter (
    id               bigserial primary key,
    event_id         uuid,
    appointment_id   uuid,
    action           text not null,
    payload          jsonb not null default '{}'::jsonb,
    error            text,
    error_class      text not null,
    http_status      integer,
    retryable        boolean not null default false,
    attempts         integer not null default 0,
    status           text not null default 'OPEN' check (status in ('OPEN', 'REPLAYING', 'REPLAYED', 'DISCARDED', 'PARKED')),
    replay_count     integer not null default 0,
    next_replay_at   timestamptz,
    discard_reason   text,
    created_at       timestamptz not null default now(),
    last_attempt_at  timestamptz not null default now()
);
create index dead_letter_open_idx on dead_letter (created_at) where status = 'OPEN';
create index dead_letter_appt_idx on dead_letter (appointment_id);

-- GHL custom-field ids resolved per location (key such as appointment_status -> GHL field id).
create table ghl_custom_fields (
    location_id text not null,
    field_key   text not null,
    field_id    text not null,
    primary key (location_id, field_key)
);

-- What ghl-sync last wrote to each GHL contact, so calls that would change nothing are skipped.
create table ghl_contact_mirror (
    contact_id    text primary key,
    tags          jsonb not null default '[]'::jsonb,
    custom_fields jsonb not null default '{}'::jsonb,
    updated_at    timestamptz not null default now()
);

-- GHL objects created per booking appointment (reminder task, calendar event).
create table ghl_appointment_links (
    appointment_id   uuid primary key references appointments (id),
    contact_id       text,
    reminder_task_id text,
    reminder_due     timestamptz,
    updated_at       timestamptz not null default now()
);
