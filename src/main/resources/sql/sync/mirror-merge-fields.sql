insert into ghl_contact_mirror (contact_id, custom_fields)
values (:contactId, cast(:fields as jsonb))
on conflict (contact_id) do update
   set custom_fields = ghl_contact_mirror.custom_fields || excluded.custom_fields,
       updated_at = now()
