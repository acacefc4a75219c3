select id, location_id, ghl_contact_id, name, email, phone, address, tags::text as tags, ghl_date_updated, deleted_at
  from leads
 where ghl_contact_id = :contactId
   for update
