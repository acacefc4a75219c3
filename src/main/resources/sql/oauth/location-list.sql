-- Every known location with its token expiry (location token, or none), for the monitor.
select l.location_id, l.company_id, l.status, l.installed_at, l.uninstalled_at, l.last_refresh_error,
       l.last_refresh_error_at, t.expires_at as token_expires_at
  from ghl_locations l
  left join ghl_oauth_tokens t on t.owner_type = 'Location' and t.owner_id = l.location_id
 order by l.location_id
