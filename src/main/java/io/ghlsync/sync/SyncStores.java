package io.ghlsync.sync;

import io.ghlsync.outbox.StepJournalRepository;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The tables one sync event reads and writes. */
public record SyncStores(
        AppointmentRepository appointments,
        CustomerRepository customers,
        LeadRepository leads,
        StepJournalRepository journal,
        ContactMirrorRepository mirrors,
        AppointmentLinkRepository links) {

    public static SyncStores on(NamedParameterJdbcTemplate jdbc) {
        return new SyncStores(new AppointmentRepository(jdbc), new CustomerRepository(jdbc), new LeadRepository(jdbc),
                new StepJournalRepository(jdbc), new ContactMirrorRepository(jdbc),
                new AppointmentLinkRepository(jdbc));
    }
}
