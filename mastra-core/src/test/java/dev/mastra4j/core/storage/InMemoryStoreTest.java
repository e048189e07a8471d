package dev.mastra4j.core.storage;

/** {@link InMemoryStore} against the shared contract. */
class InMemoryStoreTest extends MemoryStorageContract {

    @Override
    protected MemoryStorage openStore() {
        return new InMemoryStore();
    }
}
