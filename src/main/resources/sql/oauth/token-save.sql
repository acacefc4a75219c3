-- Stores a new token pair (first install, refresh or minted location token); a refresh counts up refresh_count.
insert into ghl_oauth_tokens (owner_type, owner_id, company_id, access_token, refresh_token, expires_at, scope)
values (:ownerType, :ownerId, :companyId, :accessToken, :refreshToken, :expiresAt, :scope)
on conflict (owner_type, owner_id) do update
   set company_id = coalesce(excluded.company_id, ghl_oauth_tokens.company_id),
       access_token = excluded.access_token,
       refresh_token = excluded.refresh_token,
       expires_at = excluded.expires_at,
       scope = excluded.scope,
       refresh_count = ghl_oauth_tokens.refresh_count + 1,
       refreshed_at = now()
