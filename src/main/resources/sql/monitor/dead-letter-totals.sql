-- Dead letters still waiting (open, parked, being replayed), the age of the oldest, and failures in the last hour.
select count(*) filter (where status in ('OPEN', 'PARKED', 'REPLAYING')) as queue_size,
       coalesce(extract(epoch from now() - min(created_at) filter (where status in ('OPEN', 'PARKED', 'REPLAYING'))),
                0) as oldest_age_seconds,
       count(*) filter (where last_attempt_at >= now() - interval '1 hour') as failures_last_hour
  from dead_letter
 where (cast(:appointmentId as uuid) is null or appointment_id = cast(:appointmentId as uuid))
