select id, webhook_id, type, location_id, entity_key, status, attempts, outcome, signature, received_at, processed_at
  from webhook_inbox
 where webhook_id = :webhookId
