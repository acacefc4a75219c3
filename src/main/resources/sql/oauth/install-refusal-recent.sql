-- Newest refusals first, for the monitor.
select refused_at, company_id, location_id, source, reason
  from ghl_install_refusals
 order by id desc
 limit :limit
