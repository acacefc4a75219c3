-- GHL deleted the contact: the lead is kept (bookings may reference it) and marked deleted.
update leads
   set deleted_at = now(), updated_at = now()
 where id = :id and deleted_at is null
