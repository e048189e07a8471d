package dev.mastra4j.server.http;

/** Handles one routed request. Exceptions are mapped to JSON error responses by the server. */
@FunctionalInterface
public interface Handler {

    void handle(Exchange exchange) throws Exception;
}
