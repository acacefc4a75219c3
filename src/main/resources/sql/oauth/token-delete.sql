delete from ghl_oauth_tokens where owner_type = :ownerType and owner_id = :ownerId
