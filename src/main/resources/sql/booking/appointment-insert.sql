-- A new booking, scheduled, version 1.
insert into appointments (customer_id, lead_id, time_slot_id, location_id, service_type, start_time, end_time,
                          address, notes, status, version)
values (:customerId, :leadId, :timeSlotId, :locationId, :serviceType, :start, :end, :address, :notes, 'scheduled', 1)
returning id, customer_id, lead_id, time_slot_id, location_id, service_type, start_time, end_time, address, notes,
          status, status_reason, ghl_appointment_id, version, created_at, updated_at
