package dev.mastra4j.storage.pg;

import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.storage.MemoryStorageContract;

/** {@link PostgresStore} on a fresh database of a real PostgreSQL, against the shared contract. */
class PostgresStoreTest extends MemoryStorageContract {

    @Override
    protected MemoryStorage openStore() throws Exception {
        String url = TestPostgres.shared().newDatabase();
        return PostgresStore.builder()
                .connectionString(TestPostgres.mastraUrl(url))
                .maxPoolSize(20)
                .build();
    }
}
