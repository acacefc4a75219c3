-- One refused install (ids and reason only).
insert into ghl_install_refusals (refused_at, company_id, location_id, source, reason)
values (:refusedAt, :companyId, :locationId, :source, :reason)
