package dev.mastra4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.storage.OrderBy;
import dev.mastra4j.server.http.Query;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The query string of a memory route, checked as Mastra's zod schemas check it: {@code page} (from 0),
 * {@code perPage} (0 or more, no cap), {@code orderBy} as JSON ({@code {"field","direction"}}), as brackets
 * ({@code orderBy[field]=...}) or legacy ({@code orderBy=createdAt&sortDirection=ASC}), and a required
 * {@code agentId}. Every problem is collected into one 400 {@code Invalid query parameters} with zod's messages.
 *
 * @param agentId   the agent, or null
 * @param page      page number
 * @param perPage   page size
 * @param orderBy   the order asked for, or the listing's default
 */
record MemoryQuery(String agentId, int page, int perPage, OrderBy orderBy) {

    private static final Pattern NUMBER = Pattern.compile("|-?[0-9]+(\\.[0-9]+)?");
    private static final String UNDEFINED = "Invalid input: expected string, received undefined";

    /** Checks {@code query}; {@code defaultPerPage} and {@code defaultOrder} are the listing's own defaults. */
    static MemoryQuery parse(Query query, boolean agentRequired, int defaultPerPage, OrderBy defaultOrder) {
        List<Issue> issues = new ArrayList<>();
        String agentId = query.first("agentId").orElse(null);
        if (agentRequired && agentId == null) {
            issues.add(new Issue("agentId", UNDEFINED));
        }
        int page = number(query, "page", 0, issues);
        int perPage = number(query, "perPage", defaultPerPage, issues);
        OrderBy orderBy = orderBy(query, defaultOrder, issues);
        if (!issues.isEmpty()) {
            throw InvalidRequestException.query(issues);
        }
        return new MemoryQuery(agentId, page, perPage, orderBy);
    }

    /** Only {@code agentId}, required: status, config and the write routes. */
    static String requireAgentId(Query query) {
        return parse(query, true, 0, OrderBy.NEWEST_FIRST).agentId();
    }

    private static int number(Query query, String name, int defaultValue, List<Issue> issues) {
        Optional<String> raw = query.first(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String text = raw.get().strip();
        if (!NUMBER.matcher(text).matches()) {
            issues.add(new Issue(name, "Invalid input: expected number, received NaN"));
            return defaultValue;
        }
        double value = text.isEmpty() ? 0 : Double.parseDouble(text);
        if (value < 0) {
            issues.add(new Issue(name, "Too small: expected number to be >=0"));
            return defaultValue;
        }
        if (value != Math.rint(value) || value > Integer.MAX_VALUE) {
            issues.add(new Issue(name, "Invalid input: expected int, received number"));
            return defaultValue;
        }
        return (int) value;
    }

    private static OrderBy orderBy(Query query, OrderBy defaultOrder, List<Issue> issues) {
        String field = query.first("orderBy[field]").orElse(null);
        String direction = query.first("orderBy[direction]")
                .orElse(query.first("sortDirection").orElse(null));
        Optional<String> raw = query.first("orderBy");
        if (raw.isPresent()) {
            String text = raw.get().strip();
            if (text.startsWith("{")) {
                try {
                    JsonNode json = Json.MAPPER.readTree(text);
                    field = json.path("field").isTextual() ? json.get("field").asText() : null;
                    direction = json.path("direction").isTextual()
                            ? json.get("direction").asText()
                            : direction;
                    if (field == null) {
                        issues.add(new Issue("orderBy.field", fieldOptions()));
                        return defaultOrder;
                    }
                } catch (IOException e) {
                    issues.add(new Issue("orderBy", "Invalid input: expected object, received string"));
                    return defaultOrder;
                }
            } else {
                field = text;
            }
        }
        OrderBy.Field f = defaultOrder.field();
        if (field != null) {
            f = switch (field) {
                case "createdAt" -> OrderBy.Field.CREATED_AT;
                case "updatedAt" -> OrderBy.Field.UPDATED_AT;
                default -> null;
            };
            if (f == null) {
                issues.add(new Issue("orderBy.field", fieldOptions()));
                return defaultOrder;
            }
        }
        OrderBy.Direction d = defaultOrder.direction();
        if (direction != null) {
            d = switch (direction.toUpperCase(Locale.ROOT)) {
                case "ASC" -> OrderBy.Direction.ASC;
                case "DESC" -> OrderBy.Direction.DESC;
                default -> null;
            };
            if (d == null || !direction.equals(direction.toUpperCase(Locale.ROOT))) {
                issues.add(new Issue("orderBy.direction", "Invalid option: expected one of \"ASC\"|\"DESC\""));
                return defaultOrder;
            }
        }
        return new OrderBy(f, d);
    }

    private static String fieldOptions() {
        return "Invalid option: expected one of \"createdAt\"|\"updatedAt\"";
    }
}
