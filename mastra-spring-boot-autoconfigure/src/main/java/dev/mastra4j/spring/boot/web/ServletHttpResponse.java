package dev.mastra4j.spring.boot.web;

import dev.mastra4j.server.http.HttpResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A servlet response seen through {@link HttpResponse}. A streamed body is written straight to the container's
 * output stream, so each flush of a frame puts it on the wire (chunked).
 */
public final class ServletHttpResponse implements HttpResponse {

    private final HttpServletResponse response;
    private boolean committed;

    public ServletHttpResponse(HttpServletResponse response) {
        this.response = response;
    }

    @Override
    public void status(int status) {
        response.setStatus(status);
    }

    @Override
    public void header(String name, String value) {
        response.setHeader(name, value);
    }

    @Override
    public void send(byte[] body) {
        committed = true;
        response.setContentLength(body.length);
        try {
            OutputStream out = response.getOutputStream();
            out.write(body);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public OutputStream openStream() {
        committed = true;
        try {
            response.flushBuffer();
            return response.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isCommitted() {
        return committed || response.isCommitted();
    }
}
