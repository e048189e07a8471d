/**
 * Clerk's Backend API behind our timeouts, retries, rate limits and caches; the only package that names the official
 * SDK's types, loaded only when a Backend API feature is used.
 */
package dev.mastra4j.auth.clerk.backend;
