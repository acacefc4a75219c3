-- Stores a batch of verified webhooks in one statement; a webhook_id seen before is skipped. Returns the ids that
-- were new. Parameters (positional, all text[] of equal length): webhook_id, type, location_id, entity_key,
-- raw_body, signature.
insert into webhook_inbox (webhook_id, type, location_id, entity_key, raw_body, signature)
select e.webhook_id, e.type, e.location_id, e.entity_key, e.raw_body, e.signature
  from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
              cast(? as text[])) as e(webhook_id, type, location_id, entity_key, raw_body, signature)
    on conflict (webhook_id) do nothing
returning webhook_id
