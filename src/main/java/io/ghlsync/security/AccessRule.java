package io.ghlsync.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One line of the access policy: {@code METHODS PATH[?param[=value]] OWNER...}, e.g.
 * {@code POST /api/dead-letters/{id}/replay ops:write}. {@code {name}} matches one path segment, a final
 * {@code **} any rest. A rule with a query condition applies only when the query has that parameter (with that
 * value, when given).
 */
public record AccessRule(String name, Set<String> methods, List<String> segments, String queryName,
        String queryValue, Set<Owner> owners) {

    public static AccessRule parse(String name, String spec) {
        String[] parts = spec.trim().split("\\s+");
        if (parts.length < 3) {
            throw new IllegalArgumentException("access rule " + name + " needs METHODS PATH OWNER...: '" + spec + "'");
        }
        Set<String> methods = new TreeSet<>();
        for (String m : parts[0].split(",")) {
            if (!m.isBlank()) {
                methods.add(m.trim().toUpperCase(Locale.ROOT));
            }
        }
        String path = parts[1];
        String queryName = null;
        String queryValue = null;
        int q = path.indexOf('?');
        if (q >= 0) {
            String query = path.substring(q + 1);
            path = path.substring(0, q);
            int eq = query.indexOf('=');
            queryName = eq < 0 ? query : query.substring(0, eq);
            queryValue = eq < 0 ? null : query.substring(eq + 1);
            if (queryName.isEmpty()) {
                throw new IllegalArgumentException("access rule " + name + ": empty query parameter name");
            }
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("access rule " + name + ": path must start with /: '" + path + "'");
        }
        List<String> segments = segments(path);
        int wildcard = segments.indexOf("**");
        if (wildcard >= 0 && wildcard != segments.size() - 1) {
            throw new IllegalArgumentException("access rule " + name + ": ** only at the end of the path");
        }
        Set<Owner> owners = EnumSet.noneOf(Owner.class);
        Arrays.stream(parts, 2, parts.length).map(Owner::parse).forEach(owners::add);
        return new AccessRule(name, Set.copyOf(methods), List.copyOf(segments), queryName, queryValue,
                Set.copyOf(owners));
    }

    /** Path segments without empty ones at the ends: {@code /a/b/} and {@code /a/b} are the same path. */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>(Arrays.asList(path.split("/", -1)));
        if (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    boolean matchesPath(List<String> requestSegments) {
        int n = segments.size();
        boolean rest = n > 0 && segments.get(n - 1).equals("**");
        int fixed = rest ? n - 1 : n;
        if (rest ? requestSegments.size() < fixed : requestSegments.size() != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            String want = segments.get(i);
            String have = requestSegments.get(i);
            boolean variable = want.startsWith("{") && want.endsWith("}");
            if (variable ? have.isEmpty() : !want.equals(have)) {
                return false;
            }
        }
        return true;
    }

    boolean matchesMethod(String method) {
        return methods.contains(method);
    }

    boolean hasQueryCondition() {
        return queryName != null;
    }

    boolean queryHolds(Map<String, ? extends Collection<String>> query) {
        Collection<String> values = query.get(queryName);
        if (values == null || values.isEmpty()) {
            return false;
        }
        return queryValue == null || values.contains(queryValue);
    }
}
