-- Records (error text) or clears (null) the last token refresh failure of a location.
update ghl_locations
   set last_refresh_error = :error,
       last_refresh_error_at = case when :error::text is null then null else now() end,
       updated_at = now()
 where location_id = :locationId
