/**
 * Agents: {@link dev.mastra4j.core.agent.Agent}, its run options and results, stream chunks, and the run machinery
 * (tool loop, model steps, tool execution, cancellation).
 */
package dev.mastra4j.core.agent;
