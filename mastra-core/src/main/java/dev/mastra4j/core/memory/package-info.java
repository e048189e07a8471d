/**
 * Memory: {@link dev.mastra4j.core.memory.Memory} (Mastra's {@code new Memory({...})}), and
 * {@link dev.mastra4j.core.memory.MemoryAccess}, the one place where ownership of threads, messages and working memory
 * is checked, for HTTP routes and agent runs alike.
 */
package dev.mastra4j.core.memory;
