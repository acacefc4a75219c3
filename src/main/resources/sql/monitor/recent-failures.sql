select appointment_id, error, attempts, last_attempt_at
  from dead_letter
 where status in ('OPEN', 'PARKED', 'REPLAYING')
   and (cast(:appointmentId as uuid) is null or appointment_id = cast(:appointmentId as uuid))
 order by last_attempt_at desc, id desc
 limit :limit
