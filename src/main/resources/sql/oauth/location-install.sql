-- A location is (re)installed: active again, its company remembered, old refresh errors forgotten.
insert into ghl_locations (location_id, company_id, status, installed_at, updated_at)
values (:locationId, :companyId, 'active', now(), now())
on conflict (location_id) do update
   set company_id = coalesce(excluded.company_id, ghl_locations.company_id),
       status = 'active', installed_at = now(), uninstalled_at = null,
       last_refresh_error = null, last_refresh_error_at = null, updated_at = now()
