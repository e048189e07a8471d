package dev.mastra4j.server.http;

/** A request path that cannot be normalised safely (encoded slash, backslash, bad encoding, above root...). */
public final class InvalidPathException extends Exception {

    public InvalidPathException(String detail) {
        super(detail, null, false, false);
    }
}
