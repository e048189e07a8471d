package dev.mastra4j.server.http;

import java.io.OutputStream;

/** Remembers the status for metrics; the engine's response does the work. */
final class StatusRecorder implements HttpResponse {

    private final HttpResponse delegate;
    private int status = 200;

    StatusRecorder(HttpResponse delegate) {
        this.delegate = delegate;
    }

    /** The last status set; 200 when none was. */
    int status() {
        return status;
    }

    @Override
    public void status(int status) {
        this.status = status;
        delegate.status(status);
    }

    @Override
    public void header(String name, String value) {
        delegate.header(name, value);
    }

    @Override
    public void send(byte[] body) {
        delegate.send(body);
    }

    @Override
    public OutputStream openStream() {
        return delegate.openStream();
    }

    @Override
    public boolean isCommitted() {
        return delegate.isCommitted();
    }
}
