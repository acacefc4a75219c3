-- A cancelled appointment gives its time slot back.
update time_slots
   set status = 'available', appointment_id = null, updated_at = now()
 where appointment_id = :appointmentId
