package dev.mastra4j.storage.libsql;

import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.storage.MemoryStorageContract;

/** {@link LibSQLStore} with {@code :memory:}, against the shared contract. */
class LibSQLStoreInMemoryTest extends MemoryStorageContract {

    @Override
    protected MemoryStorage openStore() {
        return LibSQLStore.builder().url(":memory:").build();
    }
}
