package dev.mastra4j.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of mastra4j, shared by every module so that tools, models and the server read and write JSON
 * the same way. It knows no HTTP shapes: those live next to the routes in mastra-server.
 *
 * <p>Contract: java.time and {@code Optional} support, ISO-8601 dates (not timestamps), unknown properties ignored on
 * reading. The mapper is configured once here and must not be reconfigured by callers (it is thread-safe only as long
 * as nobody does); use {@code MAPPER.reader()}/{@code writer()} with features for a variation.
 */
public final class Json {

    /** The process-wide mapper; see the class comment for its settings. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}
}
