package dev.mastra4j.storage.pg;

import dev.mastra4j.core.storage.SuspendedRunStore;
import dev.mastra4j.core.storage.SuspendedRunStoreContract;

/** The suspended runs of a {@link PostgresStore} on a fresh database of a real PostgreSQL, against the contract. */
class PostgresSuspendedRunStoreTest extends SuspendedRunStoreContract {

    private PostgresStore postgres;

    @Override
    protected SuspendedRunStore openStore() throws Exception {
        String url = TestPostgres.shared().newDatabase();
        postgres = PostgresStore.builder()
                .connectionString(TestPostgres.mastraUrl(url))
                .maxPoolSize(10)
                .build();
        return postgres.suspendedRunStore().orElseThrow();
    }

    @Override
    protected void closeStore() {
        postgres.close();
    }
}
