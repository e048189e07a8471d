/**
 * Configuration lookup: the process environment, then {@code .env}, with blank values counted as unset; the one lookup
 * every module uses.
 */
package dev.mastra4j.auth.env;
