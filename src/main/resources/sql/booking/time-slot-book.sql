update time_slots set status = 'booked', appointment_id = :appointmentId, updated_at = now()
 where id = :id
