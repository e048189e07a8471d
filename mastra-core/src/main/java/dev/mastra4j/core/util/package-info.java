/**
 * Small shared helpers (identifiers, Mastra's date text).
 */
package dev.mastra4j.core.util;
