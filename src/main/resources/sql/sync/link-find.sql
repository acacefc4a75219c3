select contact_id, reminder_task_id, reminder_due from ghl_appointment_links where appointment_id = :appointmentId
