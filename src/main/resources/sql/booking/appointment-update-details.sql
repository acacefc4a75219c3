-- A reschedule or edit through the booking API; applies only to the version that was read.
update appointments
   set time_slot_id = :timeSlotId, service_type = :serviceType, start_time = :start, end_time = :end,
       address = :address, notes = :notes, version = version + 1, updated_at = now()
 where id = :id and version = :version
returning id, customer_id, lead_id, time_slot_id, location_id, service_type, start_time, end_time, address, notes,
          status, status_reason, ghl_appointment_id, version, created_at, updated_at
