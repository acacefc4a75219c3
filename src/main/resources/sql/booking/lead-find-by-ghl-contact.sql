select id from leads where ghl_contact_id = :contactId
