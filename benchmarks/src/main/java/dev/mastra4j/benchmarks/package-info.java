/**
 * The benchmark servers and drivers: {@code BenchServer} (the weather agent as measured against the Mastra peer),
 * {@code IssuerMain} (a loopback Clerk stand-in in its own JVM) and the load tools that BENCHMARKS.md runs.
 */
package dev.mastra4j.benchmarks;
