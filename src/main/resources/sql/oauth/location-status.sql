select status from ghl_locations where location_id = :locationId
