-- The time slot an appointment holds after GHL moved it (null: its new time is held by another appointment).
update appointments set time_slot_id = :slotId where id = :id
