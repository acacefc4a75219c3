-- Forgets idempotency keys (:keys, a JSON array of text) of one processor, e.g. those of outbox events retention
-- deleted: with the event gone, nothing can deliver it again.
delete from camel_messageprocessed
 where processorName = :processor
   and messageId in (select jsonb_array_elements_text(cast(:keys as jsonb)))
