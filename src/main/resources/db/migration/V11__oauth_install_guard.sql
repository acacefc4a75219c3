-- Guards of the GHL app install (docs/oauth.md, "Who may install"): refused installs for the monitor, and the
-- install-link states already used.

-- Recent installs refused by GHL_ALLOWED_COMPANY_IDS (ids and a short reason only; never a token). Kept to the
-- newest ghl.oauth.install-refusals-kept rows by class InstallRefusals.
create table ghl_install_refusals (
    id          bigserial primary key,
    refused_at  timestamptz not null default now(),
    company_id  text,
    location_id text,
    source      text not null,
    reason      text not null
);

-- Nonces of install-link states that reached the callback, so a state works once. A row is needed only while its
-- state could still verify; class OAuthStateNonces deletes it after keep_until.
create table oauth_state_nonces (
    nonce      text primary key,
    keep_until timestamptz not null
);

create index oauth_state_nonces_keep_until_idx on oauth_state_nonces (keep_until);
