-- Concurrent resolvers may both learn the id; the first one stored wins and both read it back.
insert into ghl_custom_fields (location_id, field_key, field_id)
values (:locationId, :fieldKey, :fieldId)
on conflict (location_id, field_key) do nothing
