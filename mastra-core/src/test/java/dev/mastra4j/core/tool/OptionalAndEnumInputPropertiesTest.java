package dev.mastra4j.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Validation of records with optional components and enums: absent or null optionals pass, wrong options fail. */
class OptionalAndEnumInputPropertiesTest {

    enum Unit {
        CELSIUS,
        FAHRENHEIT
    }

    record Query(
            @Description("City") String location,
            @Description("Unit") Optional<Unit> unit,
            Unit fallback,
            OptionalInt days,
            @Nullable String note) {}

    private static final String UNIT_OPTIONS = "Invalid option: expected one of \"CELSIUS\"|\"FAHRENHEIT\"";

    private final AtomicReference<Query> received = new AtomicReference<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final Tool tool = Tool.builder()
            .id("query")
            .inputSchema(Query.class)
            .execute((q, ctx) -> {
                runs.incrementAndGet();
                received.set(q);
                return "ok";
            })
            .build();

    /** What an optional component is given: left out, JSON null, or a value. */
    enum Presence {
        ABSENT,
        NULL,
        VALUE
    }

    @Property(tries = 300)
    void absentOrNullOptionalsAreAcceptedAndBoundAsEmpty(
            @ForAll Presence unit,
            @ForAll Unit unitValue,
            @ForAll Presence days,
            @ForAll @IntRange(min = -1000, max = 1000) int daysValue,
            @ForAll Presence note,
            @ForAll Unit fallback,
            @ForAll("text") String location) {
        ObjectNode input =
                Json.MAPPER.createObjectNode().put("location", location).put("fallback", fallback.name());
        put(input, "unit", unit, unitValue.name());
        put(input, "days", days, daysValue);
        put(input, "note", note, location);

        assertThat(tool.validate(input)).isEmpty();
        tool.execute(input, ToolContext.of(new RequestContext()));

        Query query = received.get();
        assertThat(query.location()).isEqualTo(location);
        assertThat(query.fallback()).isEqualTo(fallback);
        assertThat(query.unit()).isEqualTo(unit == Presence.VALUE ? Optional.of(unitValue) : Optional.empty());
        assertThat(query.days()).isEqualTo(days == Presence.VALUE ? OptionalInt.of(daysValue) : OptionalInt.empty());
        assertThat(query.note()).isEqualTo(note == Presence.VALUE ? location : null);
    }

    @Property(tries = 300)
    void anyValueOutsideAnEnumIsOneInvalidOptionIssueAtItsPlace(
            @ForAll("notAUnit") JsonNode value, @ForAll boolean inTheOptionalComponent) {
        String field = inTheOptionalComponent ? "unit" : "fallback";
        ObjectNode input =
                Json.MAPPER.createObjectNode().put("location", "Oslo").put("fallback", "CELSIUS");
        input.set(field, value);

        ToolValidationException e = catchThrowableOfType(
                ToolValidationException.class, () -> tool.execute(input, ToolContext.of(new RequestContext())));

        assertThat(e).isNotNull();
        assertThat(e.issues()).containsExactly(new Issue(field, UNIT_OPTIONS));
        assertThat(e.validationError().at("/validationErrors/fields/" + field + "/errors"))
                .isEqualTo(Json.MAPPER.createArrayNode().add(UNIT_OPTIONS));
        assertThat(runs).hasValue(0);
    }

    @Test
    void aMissingRequiredEnumNamesItsOptions() {
        ObjectNode input = Json.MAPPER.createObjectNode().put("location", "Oslo");

        assertThat(tool.validate(input)).containsExactly(new Issue("fallback", UNIT_OPTIONS));
    }

    @Test
    void aWrongTypeInAnOptionalIsReportedAsTheTypeItMayHold() {
        ObjectNode input = Json.MAPPER
                .createObjectNode()
                .put("location", "Oslo")
                .put("fallback", "CELSIUS")
                .put("days", "three")
                .put("note", 5);

        assertThat(tool.validate(input))
                .containsExactly(
                        new Issue("days", "Invalid input: expected number, received string"),
                        new Issue("note", "Invalid input: expected string, received number"));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(40);
    }

    @Provide
    Arbitrary<JsonNode> notAUnit() {
        Arbitrary<JsonNode> strings = Arbitraries.strings()
                .ofMaxLength(20)
                .filter(s -> !List.of("CELSIUS", "FAHRENHEIT").contains(s))
                .map(Json.MAPPER.getNodeFactory()::textNode);
        Arbitrary<JsonNode> numbers = Arbitraries.integers().map(Json.MAPPER.getNodeFactory()::numberNode);
        Arbitrary<JsonNode> booleans = Arbitraries.of(true, false).map(Json.MAPPER.getNodeFactory()::booleanNode);
        Arbitrary<JsonNode> containers = Combinators.combine(
                        Arbitraries.strings().alpha().ofMaxLength(5), Arbitraries.of("CELSIUS", "x"))
                .as((k, v) -> k.isEmpty()
                        ? Json.MAPPER.createArrayNode().add(v)
                        : Json.MAPPER.createObjectNode().put(k, v));
        return Arbitraries.oneOf(strings, strings, numbers, booleans, containers);
    }

    private static void put(ObjectNode input, String field, Presence presence, Object value) {
        switch (presence) {
            case ABSENT -> {}
            case NULL -> input.putNull(field);
            case VALUE -> input.set(field, Json.MAPPER.valueToTree(value));
        }
    }
}
