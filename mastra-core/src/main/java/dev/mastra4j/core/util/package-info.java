/**
 * Small shared helpers (identifiers).
 */
package dev.mastra4j.core.util;
