package dev.mastra4j.examples.weather;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** How the example protects its routes, decided once from the environment at startup. */
enum AuthMode {
    /** Real Clerk keys: {@code MastraAuthClerk} with the configured instance. */
    CLERK,
    /** No Clerk variable set: an in-process, loopback-only {@code LocalClerkIssuer} issues dev tokens. */
    DEVELOPMENT;

    /** Any of these switches the example to Clerk mode; MastraAuthClerk then names whatever is still missing. */
    static final List<String> CLERK_VARIABLES =
            List.of("CLERK_PUBLISHABLE_KEY", "CLERK_SECRET_KEY", "CLERK_JWKS_URI", "CLERK_JWT_KEY");

    /**
     * The opt-in for development mode on a non-loopback {@code HOST}: exactly {@code true}. Default: unset, and
     * development mode then refuses any host but a loopback one.
     */
    static final String ALLOW_NON_LOOPBACK = "DEV_AUTH_ALLOW_NON_LOOPBACK";

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    static AuthMode from(Map<String, String> env) {
        return CLERK_VARIABLES.stream().anyMatch(name -> present(env.get(name))) ? CLERK : DEVELOPMENT;
    }

    /** Whether {@code env} holds the explicit opt-in for development mode on a non-loopback host. */
    static boolean allowsNonLoopback(Map<String, String> env) {
        String value = env.get(ALLOW_NON_LOOPBACK);
        return value != null && value.strip().toLowerCase(Locale.ROOT).equals("true");
    }

    /**
     * Development mode is for one person on one machine: with a {@code host} that is not loopback it refuses to
     * start, unless {@link #ALLOW_NON_LOOPBACK} is {@code true}.
     *
     * @throws IllegalStateException naming the variables that make it start
     */
    static void checkDevelopmentHost(String host, Map<String, String> env) {
        if (isLoopback(host) || allowsNonLoopback(env)) {
            return;
        }
        throw new IllegalStateException("Development auth mode (no CLERK_* variable is set) is for one person on one "
                + "machine, but HOST=" + host + " is not a loopback address, so the server would be reachable from "
                + "other machines. Set CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY to use your Clerk instance, or bind "
                + "to loopback (HOST=127.0.0.1 or HOST=localhost). To run development mode on this address anyway, "
                + "set " + ALLOW_NON_LOOPBACK + "=true.");
    }

    /**
     * {@code localhost}, or an IP literal in 127.0.0.0/8 or {@code ::1} (brackets allowed). Any other name counts as
     * not loopback: what it resolves to is not ours to trust, and no name is looked up here.
     */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4_LITERAL.matcher(h).matches() && !IPV6_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            // An IP literal: parsed, never looked up.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
