package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Nimbus's retriever (timeouts, size cap) that never follows redirects and can send
 * {@code Authorization: Bearer <secret>}. Without redirects, a misconfigured or hijacked endpoint cannot bounce
 * the secret-bearing request to another host; a 3xx is simply a failed fetch.
 */
final class JwksResourceRetriever extends DefaultResourceRetriever {

    private final String authorization;

    JwksResourceRetriever(int connectTimeoutMillis, int readTimeoutMillis, int sizeLimitBytes, String bearerToken) {
        super(connectTimeoutMillis, readTimeoutMillis, sizeLimitBytes);
        this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
    }

    @Override
    protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
        HttpURLConnection connection = super.openHTTPConnection(url);
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty("Accept", "application/json");
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        return connection;
    }

    @Override
    public String toString() {
        return "JwksResourceRetriever[authorized=" + (authorization != null) + "]";
    }
}
