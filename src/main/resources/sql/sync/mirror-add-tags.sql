-- Merged in SQL so two events of one contact running at once cannot lose each other's tags.
insert into ghl_contact_mirror (contact_id, tags)
values (:contactId, cast(:tags as jsonb))
on conflict (contact_id) do update
   set tags = (select coalesce(jsonb_agg(distinct t.tag order by t.tag), '[]'::jsonb)
                 from jsonb_array_elements_text(ghl_contact_mirror.tags || excluded.tags) as t(tag)),
       updated_at = now()
