update customers set last_service_date = :date, updated_at = now() where id = :id
