package dev.mastra4j.auth.clerk;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Session token v2 organization permissions. {@code fea} lists {@code scope:feature}; the organization-scoped
 * ones ({@code o}, {@code ou}, {@code uo}) each get one decimal bitmask from {@code o.fpm}, and bit i of the
 * k-th mask grants {@code org:<feature k>:<per[i]>}. Every malformed part grants nothing.
 */
final class OrgPermissions {

    private static final Set<String> ORG_SCOPES = Set.of("o", "ou", "uo");

    private OrgPermissions() {
    }

    static List<String> decode(String fea, String per, String fpm) {
        if (fea == null || per == null || fpm == null) {
            return List.of();
        }
        List<String> orgFeatures = new ArrayList<>();
        for (String entry : fea.split(",", -1)) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                // One malformed entry makes the feature/mask alignment unknowable: grant nothing.
                return List.of();
            }
            if (ORG_SCOPES.contains(entry.substring(0, colon).trim())) {
                orgFeatures.add(entry.substring(colon + 1).trim());
            }
        }
        String[] permissions = per.split(",", -1);
        String[] masks = fpm.split(",", -1);
        List<String> granted = new ArrayList<>();
        for (int k = 0; k < orgFeatures.size() && k < masks.length; k++) {
            BigInteger mask = parseMask(masks[k]);
            String feature = orgFeatures.get(k);
            if (mask == null || feature.isEmpty()) {
                continue;
            }
            for (int i = 0; i < permissions.length && i < mask.bitLength(); i++) {
                String permission = permissions[i].trim();
                if (mask.testBit(i) && !permission.isEmpty()) {
                    granted.add("org:" + feature + ":" + permission);
                }
            }
        }
        return List.copyOf(granted);
    }

    /** A non-negative decimal integer of any size, else null (fail closed). */
    private static BigInteger parseMask(String text) {
        String mask = text.trim();
        if (mask.isEmpty() || mask.length() > 512) {
            return null;
        }
        for (int i = 0; i < mask.length(); i++) {
            char c = mask.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return new BigInteger(mask);
    }
}
