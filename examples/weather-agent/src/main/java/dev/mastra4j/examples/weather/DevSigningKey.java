package dev.mastra4j.examples.weather;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing key of development mode's in-process issuer, kept between runs in {@value #FILE} under the working
 * directory, so that a start reuses it instead of generating an RSA key pair on the way to the first answer.
 *
 * <p>The key signs only development tokens, which only this development server (loopback by default) accepts. The
 * file is readable by its owner alone (0600, in a 0700 directory, on POSIX file systems); a missing, unreadable or
 * malformed file is replaced by a fresh key, and a key that cannot be written is used for this run only.
 */
final class DevSigningKey {

    /** Where the key is kept, relative to the working directory. */
    static final String FILE = ".mastra/dev-signing-key.jwk";

    private static final Logger LOG = LoggerFactory.getLogger(DevSigningKey.class);

    private DevSigningKey() {}

    /** The kept key of {@code directory}/{@value #FILE}, or a new one, kept there for the next run. */
    static RSAKey loadOrCreate(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            RSAKey kept = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (kept.isPrivate() && kept.getKeyID() != null && kept.size() >= 2048) {
                return kept;
            }
        } catch (IOException | ParseException | RuntimeException e) {
            LOG.debug(
                    "No usable development signing key in {} ({}); generating one",
                    file,
                    e.getClass().getSimpleName());
        }
        RSAKey fresh = generate();
        keep(file, fresh);
        return fresh;
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID("ins_dev_" + UUID.randomUUID().toString().replace("-", ""))
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the development signing key", e);
        }
    }

    private static void keep(Path file, RSAKey key) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            createPrivateDirectory(dir);
            Path temp = Files.createTempFile(
                    dir,
                    "dev-signing-key",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug(
                    "Cannot keep the development signing key in {} ({}); using it for this run only",
                    file,
                    e.getClass().getSimpleName());
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // kept from an earlier run
        }
    }
}
