package dev.mastra4j.server.http;

import java.io.OutputStream;

/**
 * The response of a request whose body may be left unread. Until {@link #bodyRead()} is called, whatever is sent
 * carries {@code Connection: close}: the unread bytes are still on the connection, so it cannot carry another request,
 * and the engine must end it after the answer instead of reading the rest of the body (or, worse, reading it as the
 * next request).
 */
final class UnreadBodyGuard implements HttpResponse {

    private final HttpResponse delegate;
    private boolean unread;

    UnreadBodyGuard(HttpResponse delegate, boolean hasBody) {
        this.delegate = delegate;
        this.unread = hasBody;
    }

    /** The request body has been read to its end. */
    void bodyRead() {
        unread = false;
    }

    /** Whether the request has a body that was not read to its end. */
    boolean bodyUnread() {
        return unread;
    }

    @Override
    public void status(int status) {
        delegate.status(status);
    }

    @Override
    public void header(String name, String value) {
        delegate.header(name, value);
    }

    @Override
    public void send(byte[] body) {
        closeIfUnread();
        delegate.send(body);
    }

    @Override
    public OutputStream openStream() {
        closeIfUnread();
        return delegate.openStream();
    }

    @Override
    public boolean isCommitted() {
        return delegate.isCommitted();
    }

    private void closeIfUnread() {
        if (unread && !delegate.isCommitted()) {
            delegate.header("Connection", "close");
        }
    }
}
