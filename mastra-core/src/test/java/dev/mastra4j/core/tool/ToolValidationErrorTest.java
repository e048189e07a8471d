package dev.mastra4j.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tool input that fails its schema: Mastra's validation error object, in zod 4's words. */
class ToolValidationErrorTest {

    record Weather(String location) {}

    record Range(int low, int high) {}

    private final AtomicInteger runs = new AtomicInteger();

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Tool tool(String id, String schema) {
        return Tool.builder()
                .id(id)
                .inputSchema(json(schema))
                .execute((JsonNode in, ToolContext ctx) -> {
                    runs.incrementAndGet();
                    return in;
                })
                .build();
    }

    private ToolValidationException failure(Tool tool, String input) {
        ToolValidationException e = catchThrowableOfType(
                ToolValidationException.class, () -> tool.execute(json(input), ToolContext.of(new RequestContext())));
        assertThat(e).as("no validation failure for " + input).isNotNull();
        return e;
    }

    @Test
    void aWrongTypeGivesMastrasObjectWithTheFieldNested() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .inputSchema(Weather.class)
                .execute((w, ctx) -> {
                    runs.incrementAndGet();
                    return w;
                })
                .build();

        ToolValidationException e = failure(weather, "{\"location\":42}");

        assertThat(e.toolId()).isEqualTo("weatherTool");
        assertThat(e.validationError()).isEqualTo(json("""
                {"error":true,
                 "message":"Tool input validation failed for weatherTool. Please fix the following errors and try again:\\n- location: Invalid input: expected string, received number\\n\\nProvided arguments: {\\n  \\"location\\": 42\\n}",
                 "validationErrors":{"errors":[],"fields":{"location":{"errors":["Invalid input: expected string, received number"],"fields":{}}}}}
                """));
        // Still a bad request with flat issues, for callers that treat it as one.
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.issues())
                .containsExactly(new Issue("location", "Invalid input: expected string, received number"));
        assertThat(runs).hasValue(0);
    }

    @Test
    void aMissingFieldIsReportedAtTheFieldWithItsExpectedType() {
        ToolValidationException e = failure(tool("t", """
                {"type":"object","properties":{"a":{"type":"number"},"b":{"type":"integer"},
                 "o":{"type":"object","properties":{"p":{"type":"integer","minimum":0}}}},"required":["a","b"]}"""), "{\"a\":\"1\",\"o\":{\"p\":-1}}");

        ObjectNode error = e.validationError();
        assertThat(error.path("message").asText()).isEqualTo("""
                Tool input validation failed for t. Please fix the following errors and try again:
                - a: Invalid input: expected number, received string
                - b: Invalid input: expected number, received undefined
                - o.p: Too small: expected number to be >=0

                Provided arguments: {
                  "a": "1",
                  "o": {
                    "p": -1
                  }
                }""");
        assertThat(error.path("validationErrors")).isEqualTo(json("""
                {"errors":[],"fields":{
                  "a":{"errors":["Invalid input: expected number, received string"],"fields":{}},
                  "b":{"errors":["Invalid input: expected number, received undefined"],"fields":{}},
                  "o":{"errors":[],"fields":{"p":{"errors":["Too small: expected number to be >=0"],"fields":{}}}}}}"""));
    }

    @Test
    void unknownKeysAreOneIssueAtTheirObjectAsInZodStrictObjects() {
        Tool range = Tool.builder()
                .id("range")
                .inputSchema(Range.class)
                .execute((r, ctx) -> r)
                .build();

        ToolValidationException e = failure(range, "{\"low\":1,\"high\":2,\"x\":0,\"y\":0}");

        assertThat(e.validationError().path("validationErrors"))
                .isEqualTo(json("{\"errors\":[\"Unrecognized keys: \\\"x\\\", \\\"y\\\"\"],\"fields\":{}}"));
        assertThat(e.validationError().path("message").asText())
                .contains("\n- root: Unrecognized keys: \"x\", \"y\"\n");
        // The flat issues name each key.
        assertThat(e.issues()).extracting(Issue::field).containsExactly("x", "y");
    }

    @Test
    void keywordsMapToZodWording() {
        Tool t = tool("k", """
                {"type":"object","properties":{
                  "i":{"type":"integer"},"s":{"type":"string","minLength":3,"maxLength":4,"pattern":"^x"},
                  "e":{"enum":["c","f"]},"k":{"const":"k"},"l":{"type":"array","minItems":1,"items":{"type":"string"}},
                  "n":{"type":["string","null"]},"g":{"type":"number","exclusiveMinimum":0,"maximum":9}},
                 "required":["e"]}""");

        assertThat(failure(t, "{\"i\":1.5,\"e\":\"c\"}").issues())
                .containsExactly(new Issue("i", "Invalid input: expected int, received number"));
        assertThat(failure(t, "{\"s\":\"y\",\"e\":\"c\"}").issues())
                .extracting(Issue::message)
                .containsExactly(
                        "Invalid string: must match pattern /^x/", "Too small: expected string to have >=3 characters");
        assertThat(failure(t, "{\"s\":\"xxxxx\",\"e\":\"c\"}").issues())
                .extracting(Issue::message)
                .containsExactly("Too big: expected string to have <=4 characters");
        assertThat(failure(t, "{\"e\":\"k\"}").issues())
                .extracting(Issue::message)
                .containsExactly("Invalid option: expected one of \"c\"|\"f\"");
        assertThat(failure(t, "{}").issues())
                .extracting(Issue::message)
                .containsExactly("Invalid option: expected one of \"c\"|\"f\"");
        assertThat(failure(t, "{\"e\":\"c\",\"k\":\"j\"}").issues())
                .extracting(Issue::message)
                .containsExactly("Invalid input: expected \"k\"");
        assertThat(failure(t, "{\"e\":\"c\",\"l\":[]}").issues())
                .extracting(Issue::message)
                .containsExactly("Too small: expected array to have >=1 items");
        assertThat(failure(t, "{\"e\":\"c\",\"n\":5}").issues())
                .extracting(Issue::message)
                .containsExactly("Invalid input: expected string, received number");
        assertThat(failure(t, "{\"e\":\"c\",\"g\":0}").issues())
                .extracting(Issue::message)
                .containsExactly("Too small: expected number to be >0");
        assertThat(failure(t, "{\"e\":\"c\",\"g\":10}").issues())
                .extracting(Issue::message)
                .containsExactly("Too big: expected number to be <=9");
        assertThat(runs).hasValue(0);
    }

    @Test
    void arrayIndexesArePathSegments() {
        ToolValidationException e = failure(tool("a", """
                {"type":"object","properties":{"l":{"type":"array","items":{"type":"string"}}}}"""), "{\"l\":[\"ok\",2]}");

        assertThat(e.validationError()
                        .path("validationErrors")
                        .path("fields")
                        .path("l")
                        .path("fields")
                        .path("1")
                        .path("errors")
                        .get(0)
                        .asText())
                .isEqualTo("Invalid input: expected string, received number");
        assertThat(e.validationError().path("message").asText()).contains("\n- l.1: Invalid input: expected string");
        assertThat(e.issues()).extracting(Issue::field).containsExactly("l[1]");
    }

    @Test
    void inputThatIsNotAnObjectFailsAtTheRoot() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .inputSchema(Weather.class)
                .execute((w, ctx) -> w)
                .build();

        ToolValidationException e = failure(weather, "[1]");

        assertThat(e.validationError().path("validationErrors"))
                .isEqualTo(json("{\"errors\":[\"Invalid input: expected object, received array\"],\"fields\":{}}"));
        assertThat(e.validationError().path("message").asText())
                .contains("\n- root: Invalid input: expected object, received array\n\nProvided arguments: [\n  1\n]");
    }

    @Test
    void providedArgumentsAreCutAfter200CharactersAndSecretsRedacted() {
        Tool t = tool(
                "p",
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"string\"}},\"additionalProperties\":true}");
        String longText = "x".repeat(300);

        String cut = failure(t, "{\"n\":1,\"text\":\"" + longText + "\"}")
                .validationError()
                .path("message")
                .asText();
        String arguments = cut.substring(cut.indexOf("Provided arguments: ") + "Provided arguments: ".length());
        assertThat(arguments).endsWith("... (truncated)").hasSize(200 + "... (truncated)".length());

        String redacted = failure(t, "{\"n\":1,\"apiKey\":\"sk-live-123\",\"nested\":{\"password\":\"hunter2\"}}")
                .validationError()
                .path("message")
                .asText();
        assertThat(redacted)
                .doesNotContain("sk-live-123")
                .doesNotContain("hunter2")
                .contains("\"apiKey\": \"[REDACTED]\"")
                .contains("\"password\": \"[REDACTED]\"");
    }

    @Test
    void anEmptyInputPrintsAsAnEmptyObject() {
        Tool weather = Tool.builder()
                .id("weatherTool")
                .inputSchema(Weather.class)
                .execute((w, ctx) -> w)
                .build();

        ToolValidationException e = failure(weather, "{}");

        assertThat(e.validationError().path("message").asText())
                .isEqualTo("Tool input validation failed for "
                        + "weatherTool. Please fix the following errors and try again:\n- location: Invalid input: expected "
                        + "string, received undefined\n\nProvided arguments: {}");
        assertThat(e.issues()).extracting(Issue::field).isEqualTo(List.of("location"));
    }
}
