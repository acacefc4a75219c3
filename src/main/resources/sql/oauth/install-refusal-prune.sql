-- Keeps the newest :keep refusals; the list is for a person to read, not an audit log.
delete from ghl_install_refusals
 where id < (select coalesce(min(id), 0) from (select id from ghl_install_refusals order by id desc limit :keep) newest)
