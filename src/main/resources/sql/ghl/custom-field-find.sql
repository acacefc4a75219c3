select field_id
  from ghl_custom_fields
 where location_id = :locationId and field_key = :fieldKey
