package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code com.clerk:backend-api} is optional: in a JVM whose class path lacks it and the jars only it brings
 * (BouncyCastle, jjwt, ...), session tokens verify, {@code getCurrentUser} answers from the token's claims, and a
 * configuration that needs the Backend API fails at build time with a message naming the dependency and its version.
 * With the SDK present, session verification loads none of its classes.
 */
@Tag("process")
class MissingBackendSdkTest {

    /** The SDK and the jars that only it brings into mastra-auth-clerk's runtime class path. */
    static final List<String> SDK_JARS = List.of(
            "backend-api",
            "jackson-databind-nullable",
            "jjwt-api",
            "jjwt-impl",
            "jjwt-jackson",
            "bcprov-jdk18on",
            "commons-io",
            "jakarta.annotation-api",
            "jackson-datatype-jsr310",
            "jackson-datatype-jdk8");

    @TempDir
    Path workingDirectory;

    @Test
    void withoutTheSdkSessionsWorkAndBackendFeaturesNameTheDependency() throws Exception {
        List<String> lines = runProbe(ChildJvm.withoutJars(SDK_JARS.toArray(String[]::new)), "all")
                .stdout();
        String missing = "needs Clerk's Backend API SDK on the class path: add the dependency com.clerk:backend-api:"
                + BackendSdk.COORDINATES.substring("com.clerk:backend-api:".length())
                + " to your pom (its version is managed by mastra-bom)";

        assertThat(lines)
                .containsExactly(
                        "session OK user_42 authorized=true",
                        "pipeline OK Allowed",
                        "getCurrentUser OK user_42 ada@example.com",
                        "getUser ERROR java.lang.IllegalStateException: The Clerk Backend API client " + missing,
                        "backendApi ERROR java.lang.IllegalStateException: The Clerk Backend API client " + missing,
                        "m2m ERROR dev.mastra4j.auth.clerk.ClerkConfigurationException: Accepting m2m_token, api_key "
                                + "(machine tokens are verified by the Clerk Backend API) " + missing,
                        "organizationId ERROR dev.mastra4j.auth.clerk.ClerkConfigurationException: The organization "
                                + "restriction organizationId (CLERK_ORGANIZATION_ID) (it looks up memberships with the Clerk "
                                + "Backend API) " + missing,
                        "organizationSlugFromEnv ERROR dev.mastra4j.auth.clerk.ClerkConfigurationException: The organization "
                                + "restriction organizationSlug (CLERK_ORGANIZATION_SLUG) (it looks up memberships with the "
                                + "Clerk Backend API) " + missing,
                        "clerkAuthorizer ERROR dev.mastra4j.auth.clerk.ClerkConfigurationException: "
                                + "authorizeUser(ClerkAuthorizer) (it hands the authorizer the Clerk Backend API client; "
                                + "authorizeUser(BiPredicate) does not) " + missing,
                        "organizationIdWithPredicate OK [SESSION_TOKEN]");
    }

    @Test
    void withTheSdkPresentSessionVerificationLoadsNoneOfIt() throws Exception {
        Probe probe = runProbe(path -> false, "sessions");

        assertThat(probe.stdout()).containsExactly("session OK user_42 authorized=true", "pipeline OK Allowed");
        assertThat(probe.loadedClasses()).as("the class-load log works").contains(MastraAuthClerk.class.getName());
        assertThat(probe.loadedClasses())
                .noneMatch(name -> name.startsWith("com.clerk.")
                        || name.startsWith("io.jsonwebtoken.")
                        || name.startsWith("org.bouncycastle.")
                        || name.startsWith("dev.mastra4j.auth.clerk.backend.ClerkBackendApi")
                        || name.startsWith("dev.mastra4j.auth.clerk.backend.SdkModels"));
    }

    @Test
    void theBomManagesTheVersionThisModuleIsBuiltWith() throws IOException {
        String bom = Files.readString(Path.of("..", "mastra-bom", "pom.xml"));
        assertThat(BackendSdk.COORDINATES).matches("com\\.clerk:backend-api:\\d+\\.\\d+\\.\\d+");
        assertThat(bom)
                .contains("<groupId>com.clerk</groupId><artifactId>backend-api</artifactId><version>"
                        + BackendSdk.COORDINATES.substring("com.clerk:backend-api:".length()) + "</version>");
    }

    private record Probe(List<String> stdout, List<String> loadedClasses) {}

    /** Runs {@link BackendSdkProbe} in a fresh JVM on this JVM's class path less what {@code drop} matches. */
    private Probe runProbe(Predicate<Path> drop, String mode) throws IOException, InterruptedException {
        Path classLog = workingDirectory.resolve("classes.log");
        List<String> stdout = ChildJvm.of(BackendSdkProbe.class, mode)
                .jvmOptions("-Djava.net.preferIPv4Stack=true", "-Xlog:class+load=info:file=" + classLog)
                .dropFromClassPath(drop)
                .workingDirectory(workingDirectory)
                .run()
                .requireSuccess()
                .stdout();
        // Lines look like "[0.012s][info][class,load] java.lang.Object source: shared objects file".
        List<String> loaded = Files.readAllLines(classLog).stream()
                .map(line -> line.substring(line.indexOf(']', line.indexOf("[class,load]")) + 1)
                        .strip())
                .map(rest -> rest.split(" ", 2)[0])
                .toList();
        return new Probe(stdout, loaded);
    }
}
