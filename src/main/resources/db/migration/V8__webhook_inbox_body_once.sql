-- The intake stored every webhook twice: as jsonb (payload) and as the exact signed text (raw_body). Nothing queries
-- the jsonb; the handler parses the body itself. Writing it once halves the bytes per row and spares PostgreSQL a
-- jsonb parse on the intake's hot path (bench/webhooks.sh). raw_body already holds the same event for every row.
alter table webhook_inbox drop column payload;
