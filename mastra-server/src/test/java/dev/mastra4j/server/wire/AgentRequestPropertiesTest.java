package dev.mastra4j.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** AgentRequest.fromJson is total: any JSON gives a request or an InvalidRequestException with named issues. */
class AgentRequestPropertiesTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> KEYS = List.of(
            "messages",
            "maxSteps",
            "requestContext",
            "memory",
            "modelSettings",
            "toolChoice",
            "activeTools",
            "instructions",
            "role",
            "content",
            "type",
            "text",
            "thread",
            "resource",
            "temperature",
            "topP",
            "maxOutputTokens",
            "toolName",
            "id",
            "user",
            "x");

    @Property(tries = 1000)
    void anyJsonGivesARequestOrNamedIssues(@ForAll("bodies") JsonNode body) {
        try {
            AgentRequest request = AgentRequest.fromJson(body);
            Statistics.label("outcome").collect("accepted");
            assertThat(request.messages()).isNotEmpty();
            Integer maxSteps = request.options().maxSteps();
            assertThat(maxSteps == null || (maxSteps >= 1 && maxSteps <= 100)).isTrue();
        } catch (InvalidRequestException e) {
            Statistics.label("outcome").collect("rejected");
            assertThat(e.issues()).isNotEmpty().allSatisfy(issue -> {
                assertThat(issue.field()).isNotNull();
                assertThat(issue.message()).isNotBlank();
            });
        }
        // The generator must reach both outcomes, or the property proves little.
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").count(n -> n > 0);
            coverage.check("rejected").count(n -> n > 0);
        });
    }

    @Provide
    Arbitrary<JsonNode> bodies() {
        return Arbitraries.oneOf(value(3), requestLike(), nearlyValid());
    }

    /** A valid message list plus options that are each either valid or random. */
    private Arbitrary<JsonNode> nearlyValid() {
        Arbitrary<JsonNode> messages = Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(10).map(F::textNode),
                Arbitraries.strings()
                        .ofMaxLength(5)
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .map(list -> {
                            ArrayNode node = F.arrayNode();
                            list.forEach(node::add);
                            return node;
                        }),
                Arbitraries.of("user", "assistant", "system")
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .map(roles -> {
                            ArrayNode node = F.arrayNode();
                            roles.forEach(
                                    role -> node.addObject().put("role", role).put("content", "text"));
                            return node;
                        }));
        Arbitrary<JsonNode> option = Arbitraries.oneOf(
                value(2),
                Arbitraries.of(
                        F.numberNode(5),
                        F.textNode("auto"),
                        F.textNode("hi"),
                        F.objectNode().put("thread", "t"),
                        F.objectNode().put("temperature", 0.3),
                        F.objectNode().put("type", "tool").put("toolName", "t"),
                        F.arrayNode().add("a")));
        return net.jqwik.api.Combinators.combine(
                        messages,
                        Arbitraries.maps(Arbitraries.of(KEYS.subList(1, 8)), option)
                                .ofMaxSize(4))
                .as((m, options) -> {
                    ObjectNode node = F.objectNode();
                    node.set("messages", m);
                    options.forEach(node::set);
                    return node;
                });
    }

    /** Objects with the real field names, so that deep paths are reached often. */
    private Arbitrary<JsonNode> requestLike() {
        return Arbitraries.maps(Arbitraries.of(KEYS), value(3)).ofMaxSize(6).map(map -> {
            ObjectNode node = F.objectNode();
            map.forEach(node::set);
            return (JsonNode) node;
        });
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(F.nullNode()),
                Arbitraries.of(true, false).map(F::booleanNode),
                Arbitraries.integers().map(F::numberNode),
                Arbitraries.longs().map(F::numberNode),
                Arbitraries.doubles().map(F::numberNode),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(F::numberNode),
                Arbitraries.bigDecimals()
                        .between(new BigDecimal("-1e40"), new BigDecimal("1e40"))
                        .map(F::numberNode),
                Arbitraries.of("", "user", "assistant", "system", "tool", "text", "auto", "none", "required", "tool")
                        .map(F::textNode),
                Arbitraries.strings().ofMaxLength(20).map(F::textNode));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = value(depth - 1).list().ofMaxSize(4).map(items -> {
            ArrayNode node = F.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(
                        Arbitraries.oneOf(
                                Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(5)),
                        value(depth - 1))
                .ofMaxSize(4)
                .map(map -> {
                    ObjectNode node = F.objectNode();
                    map.forEach(node::set);
                    return node;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(2, array), net.jqwik.api.Tuple.of(2, object));
    }
}
