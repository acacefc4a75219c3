-- GHL locations ghl-sync syncs with (one row per installed sub-account) and the OAuth tokens of a Marketplace app.

create table ghl_locations (
    location_id           text primary key,
    company_id            text,
    status                text not null default 'active' check (status in ('active', 'uninstalled')),
    installed_at          timestamptz,
    uninstalled_at        timestamptz,
    -- The last failed token refresh (error class and short text, never a token); cleared by the next success.
    last_refresh_error    text,
    last_refresh_error_at timestamptz,
    updated_at            timestamptz not null default now()
);

-- OAuth tokens per owner: a location (sub-account) or a company (agency). Tokens are AES-GCM encrypted
-- (random 12-byte nonce followed by ciphertext and tag); refresh_token is empty for location tokens minted from a
-- company token through /oauth/locationToken, which are renewed the same way instead of refreshed.
create table ghl_oauth_tokens (
    owner_type      text not null check (owner_type in ('Location', 'Company')),
    owner_id        text not null,
    company_id      text,
    access_token    bytea not null,
    refresh_token   bytea,
    expires_at      timestamptz not null,
    scope           text,
    refresh_count   integer not null default 0,
    refreshed_at    timestamptz not null default now(),
    primary key (owner_type, owner_id)
);

-- Fair outbox claim: open events ranked per location.
create index sync_outbox_open_location_idx on sync_outbox (location_id, id) where status in ('PENDING', 'PROCESSING');
