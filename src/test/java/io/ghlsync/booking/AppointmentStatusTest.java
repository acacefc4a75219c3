package io.ghlsync.booking;

import static io.ghlsync.booking.AppointmentStatus.CANCELLED;
import static io.ghlsync.booking.AppointmentStatus.COMPLETED;
import static io.ghlsync.booking.AppointmentStatus.CONFIRMED;
import static io.ghlsync.booking.AppointmentStatus.NO_SHOW;
import static io.ghlsync.booking.AppointmentStatus.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghlsync.outbox.SyncAction;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppointmentStatusTest {

    @Test
    void scheduledMovesToEveryOtherStatus() {
        assertThat(SCHEDULED.next()).containsExactlyInAnyOrder(CONFIRMED, CANCELLED, COMPLETED, NO_SHOW);
    }

    @Test
    void confirmedCannotGoBackToScheduled() {
        assertThat(CONFIRMED.canMoveTo(SCHEDULED)).isFalse();
        assertThat(CONFIRMED.next()).containsExactlyInAnyOrder(CANCELLED, COMPLETED, NO_SHOW);
    }

    @Test
    void cancelledCompletedAndNoShowAreFinal() {
        for (AppointmentStatus s : new AppointmentStatus[] {CANCELLED, COMPLETED, NO_SHOW}) {
            assertThat(s.isFinal()).as(s.wire()).isTrue();
            for (AppointmentStatus t : AppointmentStatus.values()) {
                assertThat(s.canMoveTo(t)).as(s + "->" + t).isFalse();
            }
        }
    }

    @Test
    void eachTargetHasItsOutboxAction() {
        assertThat(CONFIRMED.syncAction()).contains(SyncAction.CONFIRM);
        assertThat(CANCELLED.syncAction()).contains(SyncAction.CANCEL);
        assertThat(COMPLETED.syncAction()).contains(SyncAction.COMPLETE);
        assertThat(NO_SHOW.syncAction()).contains(SyncAction.UPDATE);
        assertThat(SCHEDULED.syncAction()).isEmpty();
    }

    @Test
    void onlyLiveAppointmentsHoldTheirSlot() {
        assertThat(SCHEDULED.holdsSlot()).isTrue();
        assertThat(CONFIRMED.holdsSlot()).isTrue();
        assertThat(CANCELLED.holdsSlot()).isFalse();
        assertThat(COMPLETED.holdsSlot()).isFalse();
        assertThat(NO_SHOW.holdsSlot()).isFalse();
    }

    /** The one mapping to and from GHL's appointmentStatus (formerly in webhook and sync, tested in both). */
    @Test
    void ghlStatusesMapBothWays() {
        assertThat(AppointmentStatus.fromGhl("new")).contains(SCHEDULED);
        assertThat(AppointmentStatus.fromGhl("active")).contains(SCHEDULED);
        assertThat(AppointmentStatus.fromGhl("confirmed")).contains(CONFIRMED);
        assertThat(AppointmentStatus.fromGhl("cancelled")).contains(CANCELLED);
        assertThat(AppointmentStatus.fromGhl("showed")).contains(COMPLETED);
        assertThat(AppointmentStatus.fromGhl("completed")).contains(COMPLETED);
        assertThat(AppointmentStatus.fromGhl("noshow")).contains(NO_SHOW);
        assertThat(AppointmentStatus.fromGhl(" NoShow ")).contains(NO_SHOW);
        assertThat(AppointmentStatus.fromGhl("invalid")).isEmpty();
        assertThat(AppointmentStatus.fromGhl(null)).isEmpty();
        for (AppointmentStatus ours : AppointmentStatus.values()) {
            assertThat(AppointmentStatus.fromGhl(ours.ghl())).contains(ours);
        }
    }

    @Test
    void bookingStatusesMapToGhlAppointmentStatuses() {
        assertThat(List.of(SCHEDULED, CONFIRMED, CANCELLED, COMPLETED, NO_SHOW).stream().map(AppointmentStatus::ghl))
                .containsExactly("new", "confirmed", "cancelled", "showed", "noshow");
    }

    @Test
    void wireNamesRoundTrip() {
        assertThat(NO_SHOW.wire()).isEqualTo("no_show");
        assertThat(AppointmentStatus.fromWire("no_show")).isEqualTo(NO_SHOW);
    }
}
