-- A new sync event; a repeat of the same appointment/action/timestamp is ignored (returns no row).
insert into sync_outbox (appointment_id, action, event_timestamp, idempotency_key, location_id, payload)
values (:appointmentId, :action, :eventTimestamp, :idempotencyKey, :locationId, cast(:payload as jsonb))
on conflict (idempotency_key) do nothing
returning event_id
