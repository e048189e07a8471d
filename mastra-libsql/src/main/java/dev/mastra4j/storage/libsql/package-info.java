/**
 * {@link dev.mastra4j.storage.libsql.LibSQLStore}: memory in one SQLite file (or in memory), in the tables and formats
 * of Mastra's {@code @mastra/libsql}, so that a Mastra TypeScript service can share the file.
 */
package dev.mastra4j.storage.libsql;
