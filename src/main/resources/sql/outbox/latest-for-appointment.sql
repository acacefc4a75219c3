-- An appointment's newest sync events, for the booking API's GET.
select event_id, action, status, attempts, last_error, created_at, completed_at
  from sync_outbox
 where appointment_id = :id
 order by id desc
 limit :limit
