update appointments set lead_id = :leadId, updated_at = now() where id = :id
