-- A booking-side lead not yet linked to any GHL contact, matched by email.
select id, location_id, ghl_contact_id, name, email, phone, address, tags::text as tags, ghl_date_updated, deleted_at
  from leads
 where ghl_contact_id is null and deleted_at is null and lower(email) = lower(:email)
 order by created_at
 limit 1
   for update
