package dev.mastra4j.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mastra4j.core.error.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses request bodies with tight limits, so that hostile JSON (deep nesting, thousand-digit numbers, trailing
 * garbage, invalid UTF-8) is a 400 with an issue on {@code body}, never a 500 or a long computation. Messages never
 * quote the input.
 */
public final class JsonBody {

    /** Deeper documents are refused; no request of this API nests more than a handful of levels. */
    public static final int MAX_NESTING_DEPTH = 200;
    /** Longer number literals are refused; no field of this API needs more digits. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBody() {}

    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw InvalidRequestException.of("body", "Request body is empty; expected JSON");
        }
        String text;
        try {
            // The JDK's decoder, not Jackson's: Jackson accepts overlong forms (C0 AF for '/') and code points past
            // U+10FFFF, which would reach tools and models as characters the client never validly sent.
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw InvalidRequestException.of("body", "Request body is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            JsonNode node = READER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw InvalidRequestException.of("body", "Request body is empty; expected JSON");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw InvalidRequestException.of(
                    "body",
                    "JSON exceeds a limit (nesting depth " + MAX_NESTING_DEPTH + ", number length " + MAX_NUMBER_LENGTH
                            + ")");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw InvalidRequestException.of("body", "Malformed JSON" + where);
        }
    }
}
