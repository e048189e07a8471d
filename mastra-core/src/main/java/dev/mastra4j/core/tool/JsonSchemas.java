package dev.mastra4j.core.tool;

import com.fasterxml.classmate.ResolvedType;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** JSON Schema generation (victools) and validation (networknt) for tool inputs and outputs. */
final class JsonSchemas {

    /** Writes every sub-schema in place, as zod does, so that a description next to it reaches the model too. */
    private static final SchemaGenerator INLINE = createGenerator(true);
    /** For types that refer to themselves, which cannot be written in place: those go to {@code $defs}. */
    private static final SchemaGenerator WITH_DEFS = createGenerator(false);

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Set<Class<?>> OPTIONAL_TYPES =
            Set.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class);

    private JsonSchemas() {}

    /**
     * The schema of a record or class: every field is required unless it is an {@code Optional} or annotated with
     * any annotation named {@code Nullable}; unknown properties are forbidden, as a record cannot hold them. An enum
     * is a string with its constants' names as {@code enum}. {@link Description}s become {@code description}s, a
     * component's replacing its type's. Nested types are written in place, each time they occur, as zod writes them;
     * only a type that contains itself is written once under {@code $defs} and referred to.
     */
    static ObjectNode generate(Class<?> type) {
        ObjectNode schema;
        try {
            schema = INLINE.generateSchema(type);
        } catch (IllegalArgumentException circular) {
            schema = WITH_DEFS.generateSchema(type);
        }
        mergeMemberDescriptions(schema);
        return schema;
    }

    static JsonSchema compile(JsonNode schema) {
        return FACTORY.getSchema(schema);
    }

    /** The issues of {@code input}, in both forms; empty when {@code input} is valid. */
    static SchemaIssues.Report validate(JsonSchema schema, JsonNode input) {
        return SchemaIssues.of(schema.getSchemaNode(), schema.validate(input));
    }

    private static SchemaGenerator createGenerator(boolean inline) {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        if (inline) {
            builder.with(Option.INLINE_ALL_SCHEMAS);
        }
        builder.forFields().withTargetTypeOverridesResolver(JsonSchemas::unwrapPrimitiveOptional);
        builder.forFields().withRequiredCheck(field -> !isOptional(field));
        builder.forFields().withNullableCheck(JsonSchemas::isOptional);
        builder.forFields().withDescriptionResolver(JsonSchemas::description);
        builder.forTypesInGeneral()
                .withDescriptionResolver(scope -> description(scope.getType().getErasedType()));
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
        return hasNullable(raw.getAnnotations())
                || hasNullable(raw.getAnnotatedType().getAnnotations())
                || (field.hasGetter()
                        && hasNullable(field.findGetter().getRawMember().getAnnotations()));
    }

    /**
     * A component's description replaces its type's, as a zod {@code .describe()} on a property does: victools writes
     * the two as {@code allOf: [typeSchema, {description}]}, which becomes {@code typeSchema} with the description.
     */
    private static void mergeMemberDescriptions(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("allOf").size() == 2 && object.size() == 1) {
            JsonNode typeSchema = object.get("allOf").get(0);
            JsonNode member = object.get("allOf").get(1);
            if (typeSchema.isObject()
                    && member.size() == 1
                    && member.path("description").isTextual()) {
                object.removeAll();
                object.setAll((ObjectNode) typeSchema);
                object.set("description", member.get("description"));
            }
        }
        node.forEach(JsonSchemas::mergeMemberDescriptions);
    }

    /**
     * {@code OptionalInt} and its kin are written as the number they may hold (Jackson reads them from one), not as
     * the bean they are; being {@code Optional}s, they are not required.
     */
    private static List<ResolvedType> unwrapPrimitiveOptional(FieldScope field) {
        Class<?> type = field.getDeclaredType().getErasedType();
        Class<?> held = type == OptionalInt.class
                ? Integer.class
                : type == OptionalLong.class ? Long.class : type == OptionalDouble.class ? Double.class : null;
        return held == null ? null : List.of(field.getContext().resolve(held));
    }

    /** The {@link Description} of a record component or field (or its getter); null when none or blank. */
    private static String description(FieldScope field) {
        if (field.isFakeContainerItemScope()) {
            return null;
        }
        Description description = field.getAnnotationConsideringFieldAndGetter(Description.class);
        return description == null || description.value().isBlank() ? null : description.value();
    }

    /** The {@link Description} of a record, class or enum; null when none or blank. */
    private static String description(Class<?> type) {
        Description description = type.getAnnotation(Description.class);
        return description == null || description.value().isBlank() ? null : description.value();
    }

    private static boolean hasNullable(Annotation[] annotations) {
        return Arrays.stream(annotations)
                .anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
    }
}
