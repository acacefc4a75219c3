-- A company-level uninstall: every location of that company stops syncing.
update ghl_locations set status = 'uninstalled', uninstalled_at = now(), updated_at = now()
 where company_id = :companyId and status <> 'uninstalled'
returning location_id
