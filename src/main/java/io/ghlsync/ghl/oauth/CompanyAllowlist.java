package io.ghlsync.ghl.oauth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which GHL companies (agencies) may install the app: GHL_ALLOWED_COMPANY_IDS, comma-separated. Empty means no
 * restriction. Ids are compared exactly, as GHL's ids are case-sensitive.
 */
public final class CompanyAllowlist {

    /** Whether a company may install, and if not, why (for the monitor and the caller; ids only). */
    public record Decision(boolean allowed, String reason) {

        static Decision allow() {
            return new Decision(true, null);
        }

        static Decision refuse(String reason) {
            return new Decision(false, reason);
        }
    }

    private final Set<String> ids;

    private CompanyAllowlist(Set<String> ids) {
        this.ids = Set.copyOf(ids);
    }

    /** @param csv e.g. {@code "agency-1, agency-2"}; null or blank = every company */
    public static CompanyAllowlist parse(String csv) {
        Set<String> ids = new LinkedHashSet<>();
        if (csv != null) {
            Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
        }
        return new CompanyAllowlist(ids);
    }

    /** True when only listed companies may install. */
    public boolean restricted() {
        return !ids.isEmpty();
    }

    public Decision decide(String companyId) {
        if (!restricted()) {
            return Decision.allow();
        }
        if (companyId == null || companyId.isBlank()) {
            // Without a company nothing can be matched against the list.
            return Decision.refuse("GHL named no company; GHL_ALLOWED_COMPANY_IDS is set");
        }
        return ids.contains(companyId) ? Decision.allow()
                : Decision.refuse("company not in GHL_ALLOWED_COMPANY_IDS");
    }
}
