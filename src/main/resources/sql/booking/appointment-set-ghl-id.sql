update appointments set ghl_appointment_id = :ghlAppointmentId, updated_at = now() where id = :id
