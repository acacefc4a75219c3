select error, error_class, retryable, attempts from dead_letter where event_id = :eventId order by id desc limit 1
