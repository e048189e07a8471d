/**
 * Errors that carry an HTTP status: invalid requests with their issues, not-found, and the common base type.
 */
package dev.mastra4j.core.error;
