package dev.mastra4j.server.http;

/** Media type checks for request bodies. */
final class MediaTypes {

    private MediaTypes() {}

    /** {@code application/json}, any case, with optional parameters such as {@code charset=utf-8}. */
    static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        if (!type.equalsIgnoreCase("application/json")) {
            return false;
        }
        if (semicolon < 0) {
            return true;
        }
        // JSON is UTF-8 (RFC 8259); a charset parameter naming anything else is refused rather than misread.
        for (String parameter : contentType.substring(semicolon + 1).split(";")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(eq + 1).strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
