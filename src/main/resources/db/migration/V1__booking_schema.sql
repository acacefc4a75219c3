-- Booking-side schema owned by ghl-sync.

create table customers (
    id                uuid primary key default gen_random_uuid(),
    name              text not null,
    email             text,
    phone             text,
    address           text,
    last_service_date date,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index customers_email_idx on customers (lower(email));
create index customers_phone_idx on customers (phone);

create table leads (
    id                uuid primary key default gen_random_uuid(),
    location_id       text,
    ghl_contact_id    text unique,
    name              text,
    email             text,
    phone             text,
    address           text,
    source            text not null default 'booking',
    status            text not null default 'new',
    tags              jsonb not null default '[]'::jsonb,
    deleted_at        timestamptz,
    ghl_date_updated  timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index leads_email_idx on leads (lower(email));
create index leads_phone_idx on leads (phone);

create table time_slots (
    id             uuid primary key default gen_random_uuid(),
    start_time     timestamptz not null,
    end_time       timestamptz not null,
    status         text not null default 'available' check (status in ('available', 'booked')),
    appointment_id uuid,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint time_slots_range_uq unique (start_time, end_time),
    constraint time_slots_order_ck check (end_time > start_time)
);

create table appointments (
    id                 uuid primary key default gen_random_uuid(),
    customer_id        uuid not null references customers (id),
    lead_id            uuid references leads (id),
    time_slot_id       uuid references time_slots (id),
    location_id        text,
    service_type       text not null,
    start_time         timestamptz not null,
    end_time           timestamptz not null,
    address            text,
    notes              text,
    status             text not null default 'scheduled'
                       check (status in ('scheduled', 'confirmed', 'cancelled', 'completed', 'no_show')),
    status_reason      text,
    ghl_appointment_id text unique,
    ghl_date_updated   timestamptz,
    version            integer not null default 1,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    constraint appointments_order_ck check (end_time > start_time)
);
create index appointments_lead_idx on appointments (lead_id);
create index appointments_customer_idx on appointments (customer_id);

alter table time_slots
    add constraint time_slots_appointment_fk foreign key (appointment_id) references appointments (id);
