/**
 * Tools: {@link dev.mastra4j.core.tool.Tool}, input and output schemas generated from records ({@code @Description}),
 * validation with zod-compatible issues, and tool failures.
 */
package dev.mastra4j.core.tool;
