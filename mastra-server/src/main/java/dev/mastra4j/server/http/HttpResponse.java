package dev.mastra4j.server.http;

import java.io.OutputStream;

/**
 * The response side of an HTTP engine. Status and headers may change until the response is committed by
 * {@link #send(byte[])} or {@link #openStream()}. A response sent with {@code Connection: close} ends its connection:
 * once {@link RequestPipeline#handle} returns, the engine closes it, reading neither the rest of the request body
 * nor another request from it.
 */
public interface HttpResponse {

    void status(int status);

    /** Sets a header, replacing earlier values of the same name. */
    void header(String name, String value);

    /** Sends a complete body with its length and commits the response. */
    void send(byte[] body);

    /**
     * Commits status and headers and returns a stream for a body of unknown length (chunked). Each
     * {@link OutputStream#flush()} must put what was written on the wire; writing after the client left throws.
     */
    OutputStream openStream();

    /** Whether status and headers have been sent. */
    boolean isCommitted();
}
