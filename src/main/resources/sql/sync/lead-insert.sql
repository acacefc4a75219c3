-- A lead for a booking customer that came without one, already linked to its GHL contact.
insert into leads (location_id, ghl_contact_id, name, email, phone, address, source)
values (:locationId, :contactId, :name, :email, :phone, :address, 'booking')
returning id
