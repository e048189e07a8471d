/**
 * JMH benchmarks of the hot paths (token verification, caches, JSON, the request pipeline); commands and results are
 * in BENCHMARKS.md.
 */
package dev.mastra4j.benchmarks.jmh;
