-- A status change through the booking API; applies only to the version that was read (no row: someone else changed it).
update appointments
   set status = :status, status_reason = :reason, version = version + 1, updated_at = now()
 where id = :id and version = :version
returning id, customer_id, lead_id, time_slot_id, location_id, service_type, start_time, end_time, address, notes,
          status, status_reason, ghl_appointment_id, version, created_at, updated_at
