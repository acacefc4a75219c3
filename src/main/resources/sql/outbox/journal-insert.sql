insert into sync_step_journal (event_id, step, response)
values (:eventId, :step, cast(:response as jsonb))
on conflict (event_id, step) do nothing
