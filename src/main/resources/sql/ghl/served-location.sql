-- Whether the OAuth app is installed and active on a location (webhooks and bookings for it are accepted).
select exists (select 1 from ghl_locations where location_id = :locationId and status = 'active')
