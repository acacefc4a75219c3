package io.ghlsync.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An authenticated caller: the token's {@code sub} (or the Basic user name) and its scopes. Scopes follow RFC 9068:
 * a space-separated {@code scope} claim. A token without that claim is a booking-app token, as the original design
 * issued them; {@code ops:write} implies {@code ops:read}.
 */
public record Principal(String subject, Set<String> scopes) {

    public static final String BOOKINGS_WRITE = "bookings:write";
    public static final String OPS_READ = "ops:read";
    public static final String OPS_WRITE = "ops:write";

    /** Every scope: the caller on a development machine with no authentication configured (loopback only). */
    public static Principal localDeveloper() {
        return new Principal("local-developer", Set.of(BOOKINGS_WRITE, OPS_READ, OPS_WRITE));
    }

    public static final Principal ANONYMOUS = new Principal("anonymous", Set.of());

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    /** @param scopeClaim the token's {@code scope} claim; null when the token has none */
    public static Principal fromScopeClaim(String subject, String scopeClaim) {
        if (scopeClaim == null) {
            return new Principal(subject, Set.of(BOOKINGS_WRITE));
        }
        return fromScopes(subject, Arrays.asList(scopeClaim.trim().split("\\s+")));
    }

    public static Principal fromScopes(String subject, Collection<String> scopes) {
        Set<String> all = scopes.stream().map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (all.contains(OPS_WRITE)) {
            all.add(OPS_READ);
        }
        return new Principal(subject, all);
    }

    public boolean satisfies(Owner owner) {
        return switch (owner) {
            case ANONYMOUS -> true;
            case BOOKING -> scopes.contains(BOOKINGS_WRITE);
            case OPS_READ -> scopes.contains(OPS_READ);
            case OPS_WRITE -> scopes.contains(OPS_WRITE);
            case NOBODY -> false;
        };
    }

    public boolean satisfiesAny(Collection<Owner> owners) {
        return owners.stream().anyMatch(this::satisfies);
    }

    /** Space-separated, sorted: what the dashboard and downstream routes are told. */
    public String scopeText() {
        return scopes.stream().sorted().collect(Collectors.joining(" "));
    }
}
