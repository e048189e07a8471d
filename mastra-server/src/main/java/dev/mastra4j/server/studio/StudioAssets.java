package dev.mastra4j.server.studio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Studio's files, read once from the class path ({@code META-INF/resources/mastra-studio/}, the {@code mastra-studio}
 * artifact), with one content version for them all: the first 12 hex digits of a SHA-256 over every file's name and
 * bytes. The files are served under {@code studio/<version>/}, so any change to any file gives every URL a new path
 * and browsers may cache each one for a year. The modules import one another by relative paths, which stay inside
 * the version's directory.
 */
final class StudioAssets {

    static final String ROOT = "META-INF/resources/mastra-studio/";
    /** The file listing the assets, one name a line: a class path has no portable directory listing. */
    static final String LIST = "assets.txt";

    static final String INDEX = "index.html";
    /** In {@code index.html}, replaced by {@code studio/<version>/}: a relative address, so a path prefix works. */
    static final String BASE_PLACEHOLDER = "%STUDIO_BASE%";

    /** One file and its media type; {@link #bytes()} gives a copy. */
    static final class Asset {
        private final byte[] bytes;
        private final String contentType;

        Asset(byte[] bytes, String contentType) {
            this.bytes = bytes.clone();
            this.contentType = contentType;
        }

        byte[] bytes() {
            return bytes.clone();
        }

        String contentType() {
            return contentType;
        }
    }

    private final Map<String, Asset> files;
    private final String version;
    private final byte[] page;

    private StudioAssets(Map<String, Asset> files, String version, byte[] page) {
        this.files = files;
        this.version = version;
        this.page = page;
    }

    /** Reads every listed file from {@code loader}; a missing file is an error naming it. */
    static StudioAssets load(ClassLoader loader) {
        String list = new String(read(loader, LIST), StandardCharsets.UTF_8);
        Map<String, Asset> files = new LinkedHashMap<>();
        MessageDigest digest = sha256();
        for (String line : list.split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (name.contains("/") || name.contains("..")) {
                throw new IllegalStateException("Studio asset names are plain file names: " + name);
            }
            byte[] bytes = read(loader, name);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(bytes);
            files.put(name, new Asset(bytes, contentType(name)));
        }
        byte[] template = read(loader, INDEX);
        digest.update(template);
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        String html = new String(template, StandardCharsets.UTF_8)
                .replace(BASE_PLACEHOLDER, StudioRoutes.ASSET_PREFIX.substring(1) + version + "/");
        return new StudioAssets(Map.copyOf(files), version, html.getBytes(StandardCharsets.UTF_8));
    }

    /** The content version in every asset URL. */
    String version() {
        return version;
    }

    /** The page, its asset addresses filled in. */
    byte[] page() {
        return page.clone();
    }

    Optional<Asset> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (lower.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (lower.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (lower.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Studio file " + ROOT + name + " is not on the class path (is mastra-studio missing?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Studio file " + name, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
