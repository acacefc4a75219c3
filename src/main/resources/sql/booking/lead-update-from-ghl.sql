-- What a GHL contact event changed on a lead (webhook handling).
update leads
   set ghl_contact_id = :contactId, location_id = :locationId, name = :name, email = :email, phone = :phone,
       address = :address, tags = cast(:tags as jsonb), ghl_date_updated = :dateUpdated, updated_at = now()
 where id = :id
