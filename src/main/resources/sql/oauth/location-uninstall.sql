insert into ghl_locations (location_id, status, uninstalled_at, updated_at)
values (:locationId, 'uninstalled', now(), now())
on conflict (location_id) do update
   set status = 'uninstalled', uninstalled_at = now(), updated_at = now()
