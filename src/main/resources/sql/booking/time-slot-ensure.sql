-- Makes sure the slot row of a location and exact range exists ('' stands for no location).
insert into time_slots (location_id, start_time, end_time, status)
values (nullif(:location, ''), :start, :end, 'available')
on conflict (coalesce(location_id, ''), start_time, end_time) do nothing
