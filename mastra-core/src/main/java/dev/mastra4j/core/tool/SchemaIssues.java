package dev.mastra4j.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.mastra4j.core.error.Issue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON Schema validator's messages into the issues Mastra reports for tool input: zod 4's paths and
 * wording, so that a client reading {@code validationErrors} or the message sees what Mastra would have said.
 *
 * <p>The mapping, keyword by keyword (N is the keyword's value):
 * <ul>
 *   <li>{@code type}: {@code Invalid input: expected <type>, received <actual>} ({@code integer} is zod's
 *       {@code number}, or {@code int} when a non-integral number came); a type list other than one type plus
 *       {@code null} gives {@code Invalid input};</li>
 *   <li>{@code required}: at the missing property, {@code Invalid input: expected <its type>, received undefined}
 *       (an {@code enum} or {@code const} property as below; no single type: {@code Invalid input});</li>
 *   <li>{@code additionalProperties}: at the object, {@code Unrecognized key: "k"} (several: {@code Unrecognized
 *       keys: "k", "l"}), as zod's strict objects;</li>
 *   <li>{@code minimum}/{@code exclusiveMinimum}/{@code maximum}/{@code exclusiveMaximum}: {@code Too small: expected
 *       number to be >=N} ({@code >N}), {@code Too big: expected number to be <=N} ({@code <N});</li>
 *   <li>{@code minLength}/{@code maxLength}: {@code Too small: expected string to have >=N characters}, {@code Too
 *       big: ... <=N characters}; {@code minItems}/{@code maxItems}: the same with {@code array} and {@code items};</li>
 *   <li>{@code enum}: {@code Invalid option: expected one of "a"|"b"}; {@code const}: {@code Invalid input: expected
 *       "a"}; {@code pattern}: {@code Invalid string: must match pattern /p/};</li>
 *   <li>any other keyword: the validator's own message, without its location prefix.</li>
 * </ul>
 * As in zod, a value of the wrong type for a schema with an {@code enum} is an invalid option; the {@code null}
 * branch of a nullable value ({@code anyOf: [{type: null}, ...]}) is not reported when the other branch says what is
 * wrong; and one message at one place is reported once.
 * Issues are ordered by path. The flat {@link Issue} list (the {@code issues} of a 400) keeps one entry per message,
 * with an unknown property named by its own path.
 */
final class SchemaIssues {

    /** Both forms of one validation: the flat list and Mastra's (zod's) issues. */
    record Report(List<Issue> issues, List<SchemaIssue> schemaIssues) {
        boolean isEmpty() {
            return issues.isEmpty();
        }
    }

    private SchemaIssues() {}

    static Report of(JsonNode rootSchema, Collection<ValidationMessage> messages) {
        List<Issue> flat = new ArrayList<>();
        List<SchemaIssue> zod = new ArrayList<>();
        Map<List<Object>, List<String>> unrecognized = new LinkedHashMap<>();
        for (ValidationMessage message : withoutRedundantTypes(messages)) {
            List<Object> path = segments(message.getInstanceLocation());
            String type = message.getType();
            String property = message.getProperty();
            if ("additionalProperties".equals(type) && property != null) {
                unrecognized.computeIfAbsent(path, k -> new ArrayList<>()).add(property);
                flat.add(new Issue(field(append(path, property)), "Unrecognized key: " + quote(property)));
                continue;
            }
            if ("required".equals(type) && property != null) {
                List<Object> at = append(path, property);
                String text = missing(propertySchema(rootSchema, message, property));
                flat.add(new Issue(field(at), text));
                zod.add(new SchemaIssue(at, text));
                continue;
            }
            String text = describe(rootSchema, message);
            flat.add(new Issue(field(path), text));
            zod.add(new SchemaIssue(path, text));
        }
        unrecognized.forEach((path, keys) -> zod.add(new SchemaIssue(
                path,
                (keys.size() == 1 ? "Unrecognized key: " : "Unrecognized keys: ")
                        + String.join(
                                ", ", keys.stream().map(SchemaIssues::quote).toList()))));
        // A value failing both type and enum gives the same option message twice; zod says it once.
        return new Report(
                flat.stream()
                        .distinct()
                        .sorted(Comparator.comparing(Issue::field).thenComparing(Issue::message))
                        .toList(),
                zod.stream()
                        .distinct()
                        .sorted(Comparator.comparing(SchemaIssue::dottedPath).thenComparing(SchemaIssue::message))
                        .toList());
    }

    /**
     * The messages without the failure of the {@code null} branch of a nullable value (an {@code Optional}
     * component's {@code anyOf: [{type: null}, ...]}) where the other branch said what is wrong, as zod reports
     * only the inner schema's issue for {@code .nullable()}.
     */
    private static List<ValidationMessage> withoutRedundantTypes(Collection<ValidationMessage> messages) {
        Set<String> informative = new HashSet<>();
        for (ValidationMessage message : messages) {
            if (!expectsNull(message)) {
                informative.add(String.valueOf(message.getInstanceLocation()));
            }
        }
        return messages.stream()
                .filter(message ->
                        !expectsNull(message) || !informative.contains(String.valueOf(message.getInstanceLocation())))
                .toList();
    }

    private static boolean expectsNull(ValidationMessage message) {
        JsonNode keyword = message.getSchemaNode();
        return "type".equals(message.getType()) && keyword != null && "null".equals(keyword.asText());
    }

    private static String describe(JsonNode rootSchema, ValidationMessage message) {
        JsonNode keyword = message.getSchemaNode();
        JsonNode instance = message.getInstanceNode();
        String n = keyword == null ? "" : keyword.asText();
        return switch (message.getType()) {
            // zod checks an enum's options only, so a value of the wrong type is still an invalid option.
            case "type" ->
                keywordHolder(rootSchema, message).has("enum")
                        ? oneOf(keywordHolder(rootSchema, message).get("enum"))
                        : typeMismatch(keyword, instance);
            case "minimum" -> "Too small: expected number to be >=" + n;
            case "exclusiveMinimum" -> "Too small: expected number to be >" + n;
            case "maximum" -> "Too big: expected number to be <=" + n;
            case "exclusiveMaximum" -> "Too big: expected number to be <" + n;
            case "minLength" -> "Too small: expected string to have >=" + n + " characters";
            case "maxLength" -> "Too big: expected string to have <=" + n + " characters";
            case "minItems" -> "Too small: expected array to have >=" + n + " items";
            case "maxItems" -> "Too big: expected array to have <=" + n + " items";
            case "enum" -> oneOf(keyword);
            case "const" -> "Invalid input: expected " + (keyword == null ? "" : keyword.toString());
            case "pattern" -> "Invalid string: must match pattern /" + n + "/";
            default -> withoutLocation(message);
        };
    }

    private static String typeMismatch(JsonNode expected, JsonNode instance) {
        String type = singleType(expected);
        if (type == null) {
            return "Invalid input";
        }
        String received = received(instance);
        if (type.equals("integer")) {
            type = "number".equals(received) ? "int" : "number";
        }
        return "Invalid input: expected " + type + ", received " + received;
    }

    /** The message for a missing property whose schema is {@code schema} (missing node when unknown). */
    private static String missing(JsonNode schema) {
        if (schema.has("enum")) {
            return oneOf(schema.get("enum"));
        }
        if (schema.has("const")) {
            return "Invalid input: expected " + schema.get("const");
        }
        String type = singleType(schema.get("type"));
        if (type == null) {
            return "Invalid input";
        }
        return "Invalid input: expected " + (type.equals("integer") ? "number" : type) + ", received undefined";
    }

    /** One type name; a list of one type plus {@code null} counts as that type; anything else is null. */
    private static String singleType(JsonNode type) {
        if (type == null) {
            return null;
        }
        if (type.isTextual()) {
            return type.asText();
        }
        if (type.isArray()) {
            String found = null;
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    if (found != null) {
                        return null;
                    }
                    found = t.asText();
                }
            }
            return found;
        }
        return null;
    }

    private static String oneOf(JsonNode values) {
        if (values == null || !values.isArray()) {
            return "Invalid option";
        }
        List<String> options = new ArrayList<>();
        values.forEach(v -> options.add(v.toString()));
        return "Invalid option: expected one of " + String.join("|", options);
    }

    /** zod's name for a JSON value's type. */
    private static String received(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "undefined";
        }
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case NULL -> "null";
            default -> "object";
        };
    }

    /**
     * The schema of {@code property} in the object schema that holds the failed {@code required}: found through the
     * message's schema location in the root schema, following one local {@code $ref}.
     */
    private static JsonNode propertySchema(JsonNode rootSchema, ValidationMessage message, String property) {
        JsonNode schema = keywordHolder(rootSchema, message).path("properties").path(property);
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
            schema = rootSchema.at(ref.asText().substring(1));
        }
        return schema;
    }

    /**
     * The schema that holds the keyword {@code message} is about, found through the message's schema location in the
     * root schema (missing node when it cannot be followed).
     */
    private static JsonNode keywordHolder(JsonNode rootSchema, ValidationMessage message) {
        JsonNode schema = rootSchema;
        JsonNodePath fragment = message.getSchemaLocation() == null
                ? null
                : message.getSchemaLocation().getFragment();
        if (fragment != null) {
            for (int i = 0; i < fragment.getNameCount() - 1; i++) {
                Object element = fragment.getElement(i);
                schema = element instanceof Integer index ? schema.path(index) : schema.path(String.valueOf(element));
            }
        }
        return schema;
    }

    private static List<Object> segments(JsonNodePath location) {
        List<Object> path = new ArrayList<>();
        if (location != null) {
            for (int i = 0; i < location.getNameCount(); i++) {
                Object element = location.getElement(i);
                path.add(element instanceof Integer ? element : String.valueOf(element));
            }
        }
        return path;
    }

    private static List<Object> append(List<Object> path, String property) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(property);
        return longer;
    }

    /** The flat field: {@code a.b[0]}; the root is {@code ""}. */
    private static String field(List<Object> path) {
        StringBuilder field = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(segment);
            }
        }
        return field.toString();
    }

    /** The validator's message without the {@code $.path: } prefix it puts in front. */
    private static String withoutLocation(ValidationMessage message) {
        String text = message.getMessage();
        String location = message.getInstanceLocation() == null
                ? null
                : message.getInstanceLocation().toString();
        if (location != null && text.startsWith(location + ": ")) {
            text = text.substring(location.length() + 2);
        }
        return text;
    }

    private static String quote(String key) {
        return TextNode.valueOf(key).toString();
    }
}
