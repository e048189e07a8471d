/**
 * {@link dev.mastra4j.storage.pg.PostgresStore}: memory in PostgreSQL for servers that outgrow one machine, in the
 * tables and formats of Mastra's {@code @mastra/pg}, over a HikariCP pool.
 */
package dev.mastra4j.storage.pg;
