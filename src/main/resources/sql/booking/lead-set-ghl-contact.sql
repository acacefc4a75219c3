-- Links a lead to its GHL contact unless another lead already owns that contact (ghl_contact_id is unique).
update leads
   set ghl_contact_id = :contactId, updated_at = now()
 where id = :id
   and ghl_contact_id is null
   and not exists (select 1 from leads o where o.ghl_contact_id = :contactId)
