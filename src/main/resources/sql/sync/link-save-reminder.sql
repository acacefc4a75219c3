insert into ghl_appointment_links (appointment_id, contact_id, reminder_task_id, reminder_due)
values (:appointmentId, :contactId, :taskId, :due)
on conflict (appointment_id) do update
   set contact_id = excluded.contact_id,
       reminder_task_id = excluded.reminder_task_id,
       reminder_due = excluded.reminder_due,
       updated_at = now()
