package dev.mastra4j.storage.pg;

import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.storage.MemoryStorageCrashContract;

/** A writer killed with {@code kill -9} mid-stream: every message it acknowledged is in the database afterwards. */
class PostgresCrashTest extends MemoryStorageCrashContract {

    @Override
    protected String url() throws Exception {
        return TestPostgres.mastraUrl(TestPostgres.shared().newDatabase());
    }

    @Override
    protected Class<?> writerMain() {
        return PgCrashWriter.class;
    }

    @Override
    protected MemoryStorage reopen(String url) {
        return PostgresStore.builder().connectionString(url).build();
    }
}
