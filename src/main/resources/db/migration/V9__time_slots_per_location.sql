-- A booking can name its GHL location (sub-account), and each location has its own calendar: the same time range
-- may be booked once per location. Slots of existing appointments take their appointment's location; a slot
-- without an appointment keeps none (it matches only bookings without a location).
alter table time_slots add column location_id text;
update time_slots s set location_id = a.location_id from appointments a where a.id = s.appointment_id;
alter table time_slots drop constraint time_slots_range_uq;
create unique index time_slots_location_range_uq on time_slots (coalesce(location_id, ''), start_time, end_time);
