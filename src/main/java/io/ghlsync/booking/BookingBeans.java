package io.ghlsync.booking;

import io.ghlsync.config.JsonRequestReader;
import io.ghlsync.config.RequestValidator;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Beans of the booking feature, bound into the Camel registry. */
public class BookingBeans implements CamelConfiguration {

    private RequestValidator validator;
    private BookingService service;

    @BindToRegistry("bookingRequestValidator")
    public synchronized RequestValidator bookingRequestValidator() {
        if (validator == null) {
            validator = new RequestValidator(); // schemas are compiled once, on first use
        }
        return validator;
    }

    @BindToRegistry("bookingCreateRequest")
    public JsonRequestReader bookingCreateRequest() {
        return new JsonRequestReader(bookingRequestValidator(), RequestValidator.CREATE);
    }

    @BindToRegistry("bookingStatusRequest")
    public JsonRequestReader bookingStatusRequest() {
        return new JsonRequestReader(bookingRequestValidator(), RequestValidator.STATUS);
    }

    @BindToRegistry("bookingPatchRequest")
    public JsonRequestReader bookingPatchRequest() {
        return new JsonRequestReader(bookingRequestValidator(), RequestValidator.PATCH);
    }

    @BindToRegistry("bookingService")
    public synchronized BookingService bookingService(
            @BeanInject("transactionTemplate") TransactionTemplate tx,
            @BeanInject("jdbc") NamedParameterJdbcTemplate jdbc,
            @BeanInject("ghlLocations") io.ghlsync.ghl.oauth.GhlLocations locations,
            @BeanInject("servedLocations") io.ghlsync.ghl.ServedLocations served,
            @PropertyInject(value = "ghl.location-id", defaultValue = "") String locationId,
            @PropertyInject(value = "booking.default-duration-minutes", defaultValue = "60") int durationMinutes,
            @PropertyInject(value = "booking.time-zone", defaultValue = "Europe/Amsterdam") String zone) {
        if (service == null) {
            service = new BookingService(tx, jdbc, locationId.isBlank() ? null : locationId,
                    locations::isUninstalled, served::location, Duration.ofMinutes(durationMinutes), ZoneId.of(zone),
                    Clock.systemUTC());
        }
        return service;
    }
}
