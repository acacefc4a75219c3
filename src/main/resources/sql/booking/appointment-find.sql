select id, customer_id, lead_id, time_slot_id, location_id, service_type, start_time, end_time, address, notes,
       status, status_reason, ghl_appointment_id, version, created_at, updated_at
  from appointments
 where id = :id
