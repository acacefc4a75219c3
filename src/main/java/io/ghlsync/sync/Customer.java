package io.ghlsync.sync;

import java.util.UUID;

/** The booking customer behind an appointment. */
public record Customer(UUID id, String name, String email, String phone, String address) {}
