-- A live lead with this email or phone; an email match beats a phone match, then one linked to GHL wins.
select id from leads
 where deleted_at is null
   and ((cast(:email as text) is not null and lower(email) = lower(:email))
        or (cast(:phone as text) is not null and phone = :phone))
 order by (cast(:email as text) is not null and lower(email) = lower(:email)) desc,
          (ghl_contact_id is null), created_at
 limit 1
