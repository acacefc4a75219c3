-- Records how a claimed webhook ended (DONE, IGNORED or DEAD) and why.
update webhook_inbox
   set status = :status, outcome = :outcome, lease_until = null, processed_at = now()
 where id = :id and status = 'PROCESSING'
