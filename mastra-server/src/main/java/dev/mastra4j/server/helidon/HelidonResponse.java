package dev.mastra4j.server.helidon;

import dev.mastra4j.server.http.HttpResponse;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;

/** A Helidon response seen through {@link HttpResponse}. */
final class HelidonResponse implements HttpResponse {

    private final ServerResponse response;
    private boolean committed;

    HelidonResponse(ServerResponse response) {
        this.response = response;
    }

    @Override
    public void status(int status) {
        response.status(Status.create(status));
    }

    @Override
    public void header(String name, String value) {
        response.header(HeaderNames.create(name), value);
    }

    @Override
    public void send(byte[] body) {
        committed = true;
        response.send(body);
    }

    @Override
    public OutputStream openStream() {
        committed = true;
        return response.outputStream();
    }

    @Override
    public boolean isCommitted() {
        return committed || response.isSent();
    }
}
