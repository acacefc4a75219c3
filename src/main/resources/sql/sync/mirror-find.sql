select tags::text as tags, custom_fields::text as custom_fields from ghl_contact_mirror where contact_id = :contactId
