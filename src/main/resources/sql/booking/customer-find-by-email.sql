select id from customers where lower(email) = lower(:email) order by created_at limit 1
