/**
 * The memory store over JDBC that {@code LibSQLStore} (SQLite) and {@code PostgresStore} share: Mastra's
 * {@code mastra_threads}, {@code mastra_messages} and {@code mastra_resources} tables, read and written in Mastra's
 * formats. {@link dev.mastra4j.storage.jdbc.JdbcMemoryStore} holds the queries; a
 * {@link dev.mastra4j.storage.jdbc.SqlDialect} says what differs between databases (schema, JSON and date columns,
 * which errors mean "unavailable"); a {@link dev.mastra4j.storage.jdbc.Transactor} hands out connections. This module
 * carries no JDBC driver.
 */
package dev.mastra4j.storage.jdbc;
