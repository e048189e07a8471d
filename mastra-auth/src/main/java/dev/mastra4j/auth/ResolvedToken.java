package dev.mastra4j.auth;

/** A credential found on a request, and where it was found. Its {@link #toString()} never prints the value. */
public record ResolvedToken(String value, Source source) {

    public enum Source {
        HEADER,
        COOKIE,
        QUERY
    }

    @Override
    public String toString() {
        return "ResolvedToken[source=" + source + ", length=" + value.length() + "]";
    }
}
