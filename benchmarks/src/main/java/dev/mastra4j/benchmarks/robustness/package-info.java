/**
 * Long-running robustness drivers (soak, faults, key rotation under load) behind the robustness figures in
 * BENCHMARKS.md.
 */
package dev.mastra4j.benchmarks.robustness;
