package dev.mastra4j.server.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.ServerOptions;
import dev.mastra4j.core.StudioOptions;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.server.http.Exchange;
import dev.mastra4j.server.http.HttpStatusException;
import dev.mastra4j.server.http.Router;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Studio's routes, added when {@link ServerOptions#studio()} is set:
 *
 * <ul>
 *   <li>{@code GET /}: the page ({@code no-cache}: it names the current asset version);</li>
 *   <li>{@code GET /studio/<version>/<file>}: the scripts and styles, cached for a year (the version changes with
 *       any file, {@link StudioAssets}); another version is a 404;</li>
 *   <li>{@code GET /studio/config.json}: how the page signs in ({@code mode} {@code clerk}, {@code token} or
 *       {@code none}; in Clerk mode the publishable key and the ClerkJS address). Public and free of secrets: a
 *       publishable key is public by design, and no route hands out a token.</li>
 * </ul>
 *
 * <p>Every answer carries a Content-Security-Policy without inline script ({@link #contentSecurityPolicy}),
 * {@code X-Content-Type-Options: nosniff}, {@code frame-ancestors 'none'} (and {@code X-Frame-Options: DENY}) and
 * {@code Referrer-Policy: no-referrer}. The routes are public ({@link ServerOptions#authConfig()}); the API calls the
 * page makes go through auth like any client's.
 */
public final class StudioRoutes {

    /** Where the assets live; {@code /studio/config.json} sits beside the versioned directories. */
    public static final String ASSET_PREFIX = "/studio/";

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final StudioAssets assets;
    private final Map<String, String> headers;
    private final byte[] config;

    private StudioRoutes(StudioAssets assets, String csp, byte[] config) {
        this.assets = assets;
        Map<String, String> common = new LinkedHashMap<>();
        common.put("Content-Security-Policy", csp);
        common.put("X-Content-Type-Options", "nosniff");
        common.put("X-Frame-Options", "DENY");
        common.put("Referrer-Policy", "no-referrer");
        this.headers = Map.copyOf(common);
        this.config = config;
    }

    /** Whether {@code template} is one of Studio's routes (which the OpenAPI document leaves out). */
    public static boolean isStudioRoute(String template) {
        return template.equals("/") || template.startsWith(ASSET_PREFIX);
    }

    /** Adds Studio's routes to {@code routes} for a server with {@code options} (whose studio must be set). */
    public static void register(ServerOptions options, Router.Builder routes) {
        StudioOptions studio = options.studio();
        if (studio == null) {
            throw new IllegalArgumentException("Studio is off in these options");
        }
        StudioRoutes r = new StudioRoutes(
                StudioAssets.load(StudioRoutes.class.getClassLoader()),
                contentSecurityPolicy(studio),
                config(studio, options.authProvider() != null));
        routes.get("/", "Studio, the chat playground", r::page)
                .get(ASSET_PREFIX + "config.json", "Studio's sign-in configuration", r::config)
                .get(ASSET_PREFIX + ":version/:file", "Studio's scripts and styles", r::asset);
    }

    /**
     * The page's policy: scripts, styles and connections from its own origin only; in Clerk mode also the Frontend
     * API (and the {@code clerkJsUrl} origin when set) for ClerkJS and its calls, Clerk's avatar images, and the
     * Cloudflare challenge Clerk's sign-in may show. Clerk's components set inline styles, so Clerk mode allows
     * {@code 'unsafe-inline'} for styles (never for scripts).
     */
    static String contentSecurityPolicy(StudioOptions studio) {
        String scripts = "'self'";
        String connect = "'self'";
        String styles = "'self'";
        String images = "'self' data:";
        String frames = "'none'";
        if (studio.clerkPublishableKey() != null) {
            String fapi = ClerkFrontendApi.fromPublishableKey(studio.clerkPublishableKey())
                    .origin();
            String clerk = fapi;
            if (studio.clerkJsUrl() != null) {
                String override = ClerkFrontendApi.originOf(studio.clerkJsUrl());
                if (!override.equals(fapi)) {
                    clerk = fapi + " " + override;
                }
            }
            scripts += " " + clerk + " https://challenges.cloudflare.com";
            connect += " " + clerk;
            styles += " 'unsafe-inline'";
            images += " https://img.clerk.com";
            frames = "https://challenges.cloudflare.com";
        }
        return "default-src 'none'; script-src " + scripts + "; style-src " + styles + "; img-src " + images
                + "; connect-src " + connect + "; font-src 'self'; frame-src " + frames + "; worker-src 'self' blob:"
                + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    static byte[] config(StudioOptions studio, boolean authEnabled) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (studio.clerkPublishableKey() != null) {
            node.put("mode", "clerk");
            node.put("publishableKey", studio.clerkPublishableKey());
            node.put(
                    "clerkJsUrl",
                    studio.clerkJsUrl() != null
                            ? studio.clerkJsUrl()
                            : ClerkFrontendApi.fromPublishableKey(studio.clerkPublishableKey())
                                    .clerkJsUrl());
        } else {
            node.put("mode", authEnabled ? "token" : "none");
        }
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write Studio's configuration", e);
        }
    }

    private void page(Exchange ex) {
        send(ex, assets.page(), StudioAssets.contentType(StudioAssets.INDEX), "no-cache");
    }

    private void config(Exchange ex) {
        send(ex, config.clone(), "application/json", "no-store");
    }

    private void asset(Exchange ex) {
        if (!ex.pathParam("version").equals(assets.version())) {
            throw new HttpStatusException(404, "Not found");
        }
        StudioAssets.Asset asset =
                assets.file(ex.pathParam("file")).orElseThrow(() -> new HttpStatusException(404, "Not found"));
        send(ex, asset.bytes(), asset.contentType(), CACHE_FOREVER);
    }

    private void send(Exchange ex, byte[] body, String contentType, String cacheControl) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cache-Control", cacheControl);
        ex.send(200, contentType, body, all);
    }
}
