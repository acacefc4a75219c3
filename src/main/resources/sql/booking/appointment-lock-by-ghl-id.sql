-- The booking linked to a GHL calendar appointment, locked while a GHL change is applied to it.
select id, status, location_id, start_time, end_time, ghl_date_updated, version
  from appointments
 where ghl_appointment_id = :ghlAppointmentId
   for update
