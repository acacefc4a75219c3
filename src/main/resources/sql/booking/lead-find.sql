select id, location_id, ghl_contact_id, name, email, phone, address, tags::text as tags, ghl_date_updated, deleted_at
  from leads
 where id = :id
