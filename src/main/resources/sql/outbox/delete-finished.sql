-- Deletes up to :batch finished outbox events (DONE or DUPLICATE) completed before :cutoff and returns their event ids
-- and idempotency keys, so that their step journal and keys go in the same transaction: once the event row is gone
-- nothing can deliver it again. Events of an appointment that has a DEAD event stay, because replaying that dead
-- letter asks whether a newer event superseded it (outbox/superseded.sql).
delete from sync_outbox o
 where o.id in (select f.id
                  from sync_outbox f
                 where f.completed_at < :cutoff
                   and f.status in ('DONE', 'DUPLICATE')
                   and not exists (select 1
                                     from sync_outbox d
                                    where d.appointment_id = f.appointment_id
                                      and d.status = 'DEAD')
                 order by f.completed_at
                 limit :batch)
returning o.event_id, o.idempotency_key
