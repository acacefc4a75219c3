-- The token row of one owner, locked until the transaction ends: a refresh runs under this lock, so two workers or
-- two instances never spend the same refresh token.
select owner_type, owner_id, company_id, access_token, refresh_token, expires_at
  from ghl_oauth_tokens
 where owner_type = :ownerType and owner_id = :ownerId
   for update
