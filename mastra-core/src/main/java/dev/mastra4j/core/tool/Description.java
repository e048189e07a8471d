package dev.mastra4j.core.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a tool's input (or output) to the model: the Java form of zod's {@code .describe()}. On a record
 * component (or a field) it becomes that property's {@code description} in the generated JSON Schema; on a record,
 * class or enum, the {@code description} of its object (or enum) schema. Models pick tools and fill arguments from
 * these texts, so say what a value means and in what form it is expected.
 *
 * <pre>{@code
 * @Description("Where to look up the weather")
 * record WeatherInput(
 *         @Description("City name, e.g. London") String location,
 *         @Description("Temperature unit; Celsius when absent") Optional<Unit> unit) {}
 * }</pre>
 *
 * <p>Whether a property is required does not depend on this annotation: every component is required unless its
 * type is an {@code Optional} ({@code OptionalInt}, ...) or it carries an annotation named {@code Nullable} (for
 * example JSpecify's), as zod's {@code .optional()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface Description {

    /** The text; blank means no description. */
    String value();
}
