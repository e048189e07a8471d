/**
 * The test kit: a loopback Clerk issuer and Backend API, an OpenAI-compatible stub, loopback HTTP stubs, clocks,
 * stderr capture, child JVMs and the captured Mastra fixtures. For tests and benchmarks, never for production.
 */
package dev.mastra4j.testing;
