-- Takes the latest name and address; email and phone only fill gaps, they are how the customer is found.
update customers
   set name = :name, address = coalesce(:address, address), email = coalesce(email, :email),
       phone = coalesce(phone, :phone), updated_at = now()
 where id = :id
