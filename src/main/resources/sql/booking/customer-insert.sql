insert into customers (name, email, phone, address) values (:name, :email, :phone, :address)
returning id
