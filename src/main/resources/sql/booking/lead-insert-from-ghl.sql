-- A lead for a GHL contact that no booking lead matched (source gohighlevel).
insert into leads (ghl_contact_id, location_id, name, email, phone, address, tags, source, ghl_date_updated)
values (:contactId, :locationId, :name, :email, :phone, :address, cast(:tags as jsonb), 'gohighlevel', :dateUpdated)
returning id
