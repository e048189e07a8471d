package dev.mastra4j.core.error;

/** Base of mastra4j's own failures. Each carries the HTTP status the server answers with. */
public class MastraException extends RuntimeException {

    private final int status;

    public MastraException(int status, String message) {
        super(message);
        this.status = status;
    }

    public MastraException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status a server maps this failure to. */
    public int status() {
        return status;
    }
}
