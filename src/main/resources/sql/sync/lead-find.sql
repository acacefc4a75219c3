select id, location_id, ghl_contact_id, name, email, phone, address from leads where id = :id
