package io.ghlsync.sync;

import java.util.UUID;

/** A lead: the booking side's copy of a GHL contact. */
public record Lead(UUID id, String locationId, String ghlContactId, String name, String email, String phone,
        String address) {}
