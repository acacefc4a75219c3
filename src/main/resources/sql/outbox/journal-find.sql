select response::text as response from sync_step_journal where event_id = :eventId and step = :step
