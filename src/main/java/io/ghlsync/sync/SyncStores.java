package io.ghlsync.sync;

import io.ghlsync.booking.AppointmentRepository;
import io.ghlsync.booking.CustomerRepository;
import io.ghlsync.booking.LeadRepository;
import io.ghlsync.outbox.StepJournalRepository;

/**
 * The tables one sync event reads and writes: booking's appointments, customers and leads through booking's
 * repositories, the outbox's step journal, and the sync's own GHL contact mirror and appointment links.
 */
public record SyncStores(
        AppointmentRepository appointments,
        CustomerRepository customers,
        LeadRepository leads,
        StepJournalRepository journal,
        ContactMirrorRepository mirrors,
        AppointmentLinkRepository links) {}
