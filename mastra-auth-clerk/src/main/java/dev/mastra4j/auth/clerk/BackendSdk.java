package dev.mastra4j.auth.clerk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Whether Clerk's Backend API SDK ({@code com.clerk:backend-api}, an optional dependency) is on the class path, and
 * the message that says how to add it. Only {@code ClerkBackendApi} and its HTTP transport name SDK types; this
 * class looks for the SDK's class file without loading anything of it.
 */
final class BackendSdk {

    /** The SDK's entry point as a class-path resource; its absence means the SDK is missing. */
    static final String ENTRY_CLASS_FILE = "com/clerk/backend_api/Clerk.class";
    /** Maven coordinates with the version this module is built with (the one mastra-bom manages). */
    static final String COORDINATES = "com.clerk:backend-api:" + version();

    private static final boolean PRESENT = isOnClassPath(BackendSdk.class.getClassLoader());

    private BackendSdk() {}

    static boolean present() {
        return PRESENT;
    }

    /** "{@code what} needs Clerk's Backend API SDK ... on the class path; add ... to your pom". */
    static String missing(String what) {
        return what + " needs Clerk's Backend API SDK on the class path: add the dependency " + COORDINATES
                + " to your pom (its version is managed by mastra-bom)";
    }

    /** Looks for the class file rather than the class, so that the SDK stays unloaded until it is used. */
    static boolean isOnClassPath(ClassLoader loader) {
        ClassLoader search = loader != null ? loader : ClassLoader.getSystemClassLoader();
        return search.getResource(ENTRY_CLASS_FILE) != null;
    }

    private static String version() {
        try (InputStream in = BackendSdk.class.getResourceAsStream("backend-sdk.properties")) {
            if (in == null) {
                throw new IllegalStateException("backend-sdk.properties is missing from mastra-auth-clerk");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
