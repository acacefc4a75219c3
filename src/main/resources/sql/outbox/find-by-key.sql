select event_id from sync_outbox where idempotency_key = :idempotencyKey
