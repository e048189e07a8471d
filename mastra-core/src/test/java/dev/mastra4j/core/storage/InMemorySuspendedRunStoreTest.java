package dev.mastra4j.core.storage;

class InMemorySuspendedRunStoreTest extends SuspendedRunStoreContract {

    @Override
    protected SuspendedRunStore openStore() {
        return new InMemorySuspendedRunStore();
    }
}
