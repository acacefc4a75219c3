-- Finished syncs (optionally of one appointment): DONE and DUPLICATE count as successful, DEAD as failed.
select count(*) filter (where status in ('DONE', 'DUPLICATE', 'DEAD')) as total,
       count(*) filter (where status in ('DONE', 'DUPLICATE'))         as successful,
       count(*) filter (where status = 'DEAD')                         as failed
  from sync_outbox
 where status in ('DONE', 'DUPLICATE', 'DEAD')
   and (cast(:appointmentId as uuid) is null or appointment_id = cast(:appointmentId as uuid))
