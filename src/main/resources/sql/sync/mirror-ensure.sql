-- A contact GHL just created: it has none of our tags or fields yet.
insert into ghl_contact_mirror (contact_id) values (:contactId) on conflict (contact_id) do nothing
