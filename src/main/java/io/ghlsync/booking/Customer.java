package io.ghlsync.booking;

import java.util.UUID;

/** The person an appointment is for, as read from the customers table. */
public record Customer(UUID id, String name, String email, String phone, String address) {}
