package dev.mastra4j.auth.jwt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object into immutable Java values, refusing duplicate keys anywhere and trailing content.
 * Nimbus's own parser lets the last duplicate win, which would let a forger smuggle a second {@code sub}
 * past a reviewer who reads the first one.
 */
final class StrictJson {

    // No STRICT_DUPLICATE_DETECTION: readObject refuses duplicates itself with the map it fills anyway, which costs
    // one lookup per key instead of the parser's extra set per object.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private StrictJson() {}

    /**
     * The object as an unmodifiable, insertion-ordered map; numbers are Long, BigInteger or Double. The text must
     * begin with an opening brace and end with a closing brace: a byte-order mark or whitespace around the object is refused, as
     * a strict decoder refuses it (JSON parsers skip both, so two spellings of one token part would otherwise parse
     * alike).
     */
    static Map<String, Object> parseObject(byte[] json) throws IOException {
        if (json.length < 2 || json[0] != '{' || json[json.length - 1] != '}') {
            throw new IOException("not a bare JSON object");
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Map<String, Object> object = readObject(parser);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the JSON object");
            }
            return object;
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            if (map.containsKey(name)) {
                throw new IOException("duplicate key");
            }
            map.put(name, readValue(parser));
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("unterminated object");
        }
        return Collections.unmodifiableMap(map);
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(readValue(parser));
        }
        return Collections.unmodifiableList(list);
    }

    private static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IOException("unexpected end of input");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT, LONG -> parser.getLongValue();
                    default -> parser.getBigIntegerValue();
                };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected JSON token");
        };
    }
}
