insert into ghl_contact_mirror (contact_id)
values (:contactId)
on conflict (contact_id) do update
   set tags = (select coalesce(jsonb_agg(t.tag order by t.tag), '[]'::jsonb)
                 from jsonb_array_elements_text(ghl_contact_mirror.tags) as t(tag)
                where t.tag not in (select jsonb_array_elements_text(cast(:tags as jsonb)))),
       updated_at = now()
