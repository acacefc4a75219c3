-- The step journal of deleted outbox events (:eventIds, a JSON array of uuid text).
delete from sync_step_journal
 where event_id in (select cast(e as uuid) from jsonb_array_elements_text(cast(:eventIds as jsonb)) as e)
