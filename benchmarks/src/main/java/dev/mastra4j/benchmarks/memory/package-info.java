/**
 * JMH benchmarks of memory in process (a generate with and without memory on a real store); commands and results are
 * in BENCHMARKS.md.
 */
package dev.mastra4j.benchmarks.memory;
