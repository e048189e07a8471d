package dev.mastra4j.core.error;

/** An unknown agent, tool or other named thing (404). */
public class NotFoundException extends MastraException {

    public NotFoundException(String message) {
        super(404, message);
    }
}
