package dev.mastra4j.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** JSON Schema generation (victools) and validation (networknt) for tool inputs and outputs. */
final class JsonSchemas {

    private static final SchemaGenerator GENERATOR = createGenerator();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Set<Class<?>> OPTIONAL_TYPES =
            Set.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class);

    private JsonSchemas() {
    }

    /**
     * The schema of a record or class: every field is required unless it is an {@code Optional} or annotated with
     * any annotation named {@code Nullable}; unknown properties are forbidden, as a record cannot hold them.
     */
    static ObjectNode generate(Class<?> type) {
        return GENERATOR.generateSchema(type);
    }

    static JsonSchema compile(JsonNode schema) {
        return FACTORY.getSchema(schema);
    }

    /** The issues of {@code input}, in both forms; empty when {@code input} is valid. */
    static SchemaIssues.Report validate(JsonSchema schema, JsonNode input) {
        return SchemaIssues.of(schema.getSchemaNode(), schema.validate(input));
    }

    private static SchemaGenerator createGenerator() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        builder.forFields().withRequiredCheck(field -> !isOptional(field));
        builder.forFields().withNullableCheck(JsonSchemas::isOptional);
        return new SchemaGenerator(builder.build());
    }

    private static boolean isOptional(FieldScope field) {
        if (field.isFakeContainerItemScope()) {
            return false;
        }
        if (OPTIONAL_TYPES.contains(field.getDeclaredType().getErasedType())) {
            return true;
        }
        var raw = field.getRawMember();
        return hasNullable(raw.getAnnotations()) || hasNullable(raw.getAnnotatedType().getAnnotations())
                || field.hasGetter() && hasNullable(field.findGetter().getRawMember().getAnnotations());
    }

    private static boolean hasNullable(Annotation[] annotations) {
        return Arrays.stream(annotations).anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
    }
}
