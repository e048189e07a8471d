/**
 * Storage for memory: the {@link dev.mastra4j.core.storage.MemoryStorage} contract that every store implements
 * (in-memory here, SQLite and PostgreSQL in their own modules), the rows it stores and the pages it answers. The rows
 * mirror Mastra's {@code mastra_threads}, {@code mastra_messages} and {@code mastra_resources} tables. Nothing here
 * checks ownership: that is {@link dev.mastra4j.core.memory.MemoryAccess}'s one job.
 */
package dev.mastra4j.core.storage;
