-- Frees whatever slot this appointment holds (a cancel, a move, or a new time that is taken).
update time_slots set status = 'available', appointment_id = null, updated_at = now()
 where appointment_id = :appointmentId
