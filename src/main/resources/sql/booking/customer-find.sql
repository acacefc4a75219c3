select id, name, email, phone, address from customers where id = :id
