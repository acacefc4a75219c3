-- A lead of a booking (source booking), linked to its GHL contact when one is known. With a GHL contact id that
-- another transaction just inserted, no row is returned (ghl_contact_id is unique): the caller reads that lead.
insert into leads (location_id, ghl_contact_id, name, email, phone, address, source)
values (:locationId, :contactId, :name, :email, :phone, :address, 'booking')
on conflict (ghl_contact_id) do nothing
returning id
