select coalesce(location_id, '') from appointments where id = :appointmentId
