/**
 * The robustness load client ({@code MixedLoad}: list, generate and stream calls with a share of bad credentials) and
 * its tally, behind the robustness and soak figures in BENCHMARKS.md.
 */
package dev.mastra4j.benchmarks.robustness;
