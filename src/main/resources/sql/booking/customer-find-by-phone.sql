select id from customers where phone = :phone order by created_at limit 1
