/**
 * Studio, the chat playground at {@code GET /}: {@link dev.mastra4j.server.studio.StudioRoutes} serves the page, its
 * content-versioned files (from the {@code mastra-studio} artifact) and its public configuration, each with a strict
 * Content-Security-Policy. The page calls the API like any other client, through the normal auth pipeline.
 */
package dev.mastra4j.server.studio;
