/**
 * The engine-neutral HTTP layer: {@link dev.mastra4j.server.http.HttpRequest}/{@link dev.mastra4j.server.http.HttpResponse}
 * (what an engine adapter implements), {@link dev.mastra4j.server.http.PathNormalizer} (the one normalisation auth and
 * routing share), {@link dev.mastra4j.server.http.Router}, {@link dev.mastra4j.server.http.RequestPipeline} (the order
 * every request goes through) and {@link dev.mastra4j.server.http.SseStream}.
 */
package dev.mastra4j.server.http;
