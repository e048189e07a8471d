package dev.mastra4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata that Boot's configuration processor writes from {@link MastraProperties}
 * ({@code META-INF/spring-configuration-metadata.json}, what IDEs complete and explain): every property is described
 * and typed, the defaults are the ones the Javadoc states, and every {@code mastra.*} property the docs name exists.
 */
class PropertiesMetadataTest {

    /** The property names the docs may mention: under these prefixes, anything else (metric names) is not one. */
    private static final Pattern DOCUMENTED =
            Pattern.compile("\\bmastra\\.(?:server|auth\\.clerk|storage)\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*");

    private static Map<String, JsonNode> properties() throws IOException, URISyntaxException {
        Path classes = Path.of(MastraProperties.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        JsonNode metadata = new ObjectMapper()
                .readTree(classes.resolve("META-INF/spring-configuration-metadata.json")
                        .toFile());
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        metadata.path("properties").forEach(p -> byName.put(p.path("name").asText(), p));
        return byName;
    }

    @Test
    void everyPropertyIsTypedAndDescribed() throws Exception {
        Map<String, JsonNode> properties = properties();
        assertThat(properties).hasSizeGreaterThan(30);
        properties.forEach((name, p) -> {
            assertThat(name).startsWith("mastra.");
            assertThat(p.path("type").asText()).as(name).isNotBlank();
            assertThat(p.path("description").asText()).as(name).isNotBlank();
            assertThat(p.path("sourceType").asText()).as(name).startsWith(MastraProperties.class.getName());
        });
    }

    @Test
    void clerkPropertiesMirrorTheBuilderAndDefaultsAreStated() throws Exception {
        Map<String, JsonNode> properties = properties();
        assertThat(properties)
                .containsKeys(
                        "mastra.auth.clerk.publishable-key",
                        "mastra.auth.clerk.secret-key",
                        "mastra.auth.clerk.jwks-uri",
                        "mastra.auth.clerk.jwt-key",
                        "mastra.auth.clerk.authorized-parties",
                        "mastra.auth.clerk.api-url",
                        "mastra.auth.clerk.organization-id",
                        "mastra.storage.url",
                        "mastra.server.base-path",
                        "mastra.server.max-body-size",
                        "mastra.server.studio");
        assertThat(properties.get("mastra.server.enabled").path("defaultValue").asBoolean())
                .isTrue();
        assertThat(properties
                        .get("mastra.server.standalone")
                        .path("defaultValue")
                        .asBoolean(true))
                .isFalse();
        assertThat(properties
                        .get("mastra.server.max-streams-per-user")
                        .path("defaultValue")
                        .asInt())
                .isEqualTo(16);
    }

    @Test
    void everyPropertyTheDocsNameExists() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Set<String> named = new TreeSet<>();
        try (Stream<Path> docs = Stream.concat(
                Stream.of(
                        root.resolve("README.md"),
                        root.resolve("ARCHITECTURE.md"),
                        root.resolve("examples/spring-weather/src/main/resources/application.properties")),
                Files.list(root.resolve("docs")).filter(p -> p.toString().endsWith(".md")))) {
            for (Path doc : docs.filter(Files::isRegularFile).toList()) {
                Matcher m = DOCUMENTED.matcher(Files.readString(doc));
                while (m.find()) {
                    named.add(m.group());
                }
            }
        }
        assertThat(named).as("the docs name Spring properties").contains("mastra.storage.url");
        assertThat(properties().keySet()).containsAll(named);
    }
}
