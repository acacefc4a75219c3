-- A change made in GHL; version moves on so readers see the appointment changed.
update appointments
   set status = :status, status_reason = coalesce(:statusReason, status_reason), start_time = :startTime,
       end_time = :endTime, ghl_date_updated = coalesce(:ghlDateUpdated, ghl_date_updated),
       version = version + 1, updated_at = now()
 where id = :id
