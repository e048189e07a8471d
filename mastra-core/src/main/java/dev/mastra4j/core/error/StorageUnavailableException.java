package dev.mastra4j.core.error;

/**
 * The memory store cannot be reached or refused to answer in time (503). The message says so in plain words and
 * never carries a connection string, password or SQL.
 */
public class StorageUnavailableException extends MastraException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(503, message, cause);
    }
}
