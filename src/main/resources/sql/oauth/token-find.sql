select owner_type, owner_id, company_id, access_token, refresh_token, expires_at
  from ghl_oauth_tokens
 where owner_type = :ownerType and owner_id = :ownerId
