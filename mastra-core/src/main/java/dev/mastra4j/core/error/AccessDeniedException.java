package dev.mastra4j.core.error;

/**
 * The caller is signed in but the thing belongs to someone else (403). Messages are Mastra's, for example
 * {@code Access denied: thread belongs to a different resource}.
 */
public class AccessDeniedException extends MastraException {

    public AccessDeniedException(String message) {
        super(403, message);
    }
}
