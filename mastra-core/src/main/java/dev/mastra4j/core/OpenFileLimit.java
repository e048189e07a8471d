package dev.mastra4j.core;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/** The number of file descriptors this process may open ({@code ulimit -n}), where the platform says. */
final class OpenFileLimit {

    private OpenFileLimit() {}

    /** The current limit, or empty on a platform without one (Windows) or a JVM that does not report it. */
    static OptionalLong current() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof UnixOperatingSystemMXBean unix) {
                long limit = unix.getMaxFileDescriptorCount();
                return limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
            }
        } catch (LinkageError | RuntimeException e) {
            // No jdk.management module in this runtime image: treat the limit as unknown.
        }
        return OptionalLong.empty();
    }
}
