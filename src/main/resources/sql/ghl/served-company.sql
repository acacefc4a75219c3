-- Whether a company (agency) installed the OAuth app: it holds a company token or has an active location.
select exists (select 1 from ghl_oauth_tokens where owner_type = 'Company' and owner_id = :companyId)
    or exists (select 1 from ghl_locations where company_id = :companyId and status = 'active')
