-- The slot of a location and exact range with the status of the appointment booking it, locked for the transaction.
select s.id, s.status, s.appointment_id, a.status as holder_status
  from time_slots s left join appointments a on a.id = s.appointment_id
 where coalesce(s.location_id, '') = :location and s.start_time = :start and s.end_time = :end
   for update of s
