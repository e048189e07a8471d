package dev.mastra4j.core.error;

import java.util.Optional;

/**
 * The memory store cannot be reached or refused to answer in time (503).
 *
 * <p>The {@linkplain #getMessage() message} is written for clients and says so in plain words (for example
 * {@code PostgresStore is unavailable}): no connection string, host, password, SQL or pool state. The driver's own
 * words, which can name hosts and ports, are kept apart as the {@linkplain #detail() detail}, for the operator's log.
 */
public class StorageUnavailableException extends MastraException {

    private final String detail;

    public StorageUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * @param message for clients: what is unavailable, nothing about where or why
     * @param detail  for the operator's log, or null: the driver's first line (never a password or SQL)
     * @param cause   the driver's exception, or null
     */
    public StorageUnavailableException(String message, String detail, Throwable cause) {
        super(503, message, cause);
        this.detail = detail;
    }

    /** The driver's account of the outage, for logs only; never sent to a client. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }
}
