package dev.mastra4j.storage.libsql;

import dev.mastra4j.core.storage.MemoryStorage;
import dev.mastra4j.core.storage.MemoryStorageCrashContract;

/** A writer killed with {@code kill -9} mid-stream: every message it acknowledged is in the file afterwards. */
class LibSQLCrashTest extends MemoryStorageCrashContract {

    @Override
    protected String url() {
        return "file:" + dir.resolve("crash.db");
    }

    @Override
    protected Class<?> writerMain() {
        return CrashWriter.class;
    }

    @Override
    protected MemoryStorage reopen(String url) {
        return LibSQLStore.builder().url(url).build();
    }
}
