package io.ghlsync.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Deny by default: who may call which method and path. A request no rule names is answered 404 (405 when only
 * the method differs) before any route runs. When rules with a query condition hold for a request that a plain
 * rule opens, the caller must satisfy each of them (they refine it, e.g. the monitor's {@code ?action=retry}
 * needs ops:write); otherwise each plain rule that matches.
 */
public final class AccessPolicy {

    /** What the policy says of one request. */
    public sealed interface Decision permits NotFound, MethodNotAllowed, Allowed {}

    public record NotFound() implements Decision {}

    public record MethodNotAllowed(Set<String> allowed) implements Decision {}

    /** The caller must satisfy at least one owner of every rule listed. */
    public record Allowed(List<AccessRule> rules) implements Decision {
        public boolean permits(Principal principal) {
            return rules.stream().allMatch(r -> principal.satisfiesAny(r.owners()));
        }

        /** Anonymous callers pass: no authentication needs to be attempted. */
        public boolean anonymous() {
            return permits(Principal.ANONYMOUS);
        }

        /** What the caller lacks, in words: "ops:write", "booking or ops:read". */
        public String required() {
            return rules.stream()
                    .map(r -> r.owners().stream().sorted().map(Owner::label).collect(Collectors.joining(" or ")))
                    .distinct().collect(Collectors.joining(" and "));
        }
    }

    private final List<AccessRule> rules;

    public AccessPolicy(Collection<AccessRule> rules) {
        List<AccessRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(AccessRule::name));
        this.rules = List.copyOf(sorted);
    }

    /** Rules from settings: every {@code prefix + name = spec}. */
    public static AccessPolicy fromSettings(Map<String, String> settings, String prefix) {
        List<AccessRule> rules = new ArrayList<>();
        settings.forEach((key, spec) -> {
            if (key.startsWith(prefix) && spec != null && !spec.isBlank()) {
                rules.add(AccessRule.parse(key.substring(prefix.length()), spec));
            }
        });
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no access rules (" + prefix + "*): every request would be refused");
        }
        return new AccessPolicy(rules);
    }

    public List<AccessRule> rules() {
        return rules;
    }

    /** @param path the normalized request path (dot segments resolved), without the query */
    public Decision decide(String method, String path, Map<String, ? extends Collection<String>> query) {
        List<String> segments = AccessRule.segments(path);
        List<AccessRule> plain = new ArrayList<>();
        List<AccessRule> refined = new ArrayList<>();
        Set<String> otherMethods = new TreeSet<>();
        for (AccessRule rule : rules) {
            if (!rule.matchesPath(segments)) {
                continue;
            }
            if (!rule.matchesMethod(method)) {
                otherMethods.addAll(rule.methods());
                continue;
            }
            if (!rule.hasQueryCondition()) {
                plain.add(rule);
            } else if (rule.queryHolds(query)) {
                refined.add(rule);
            }
        }
        // A query condition refines a path some plain rule opens; on its own it opens nothing.
        if (!plain.isEmpty()) {
            return new Allowed(List.copyOf(refined.isEmpty() ? plain : refined));
        }
        return otherMethods.isEmpty() ? new NotFound() : new MethodNotAllowed(Set.copyOf(otherMethods));
    }
}
