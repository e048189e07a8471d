package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void theFirstRunKeepsAPrivateKeyThatTheNextRunReuses() throws Exception {
        RSAKey first = DevSigningKey.loadOrCreate(dir);
        RSAKey second = DevSigningKey.loadOrCreate(dir);

        assertThat(first.isPrivate()).isTrue();
        assertThat(first.size()).isGreaterThanOrEqualTo(2048);
        assertThat(second).isEqualTo(first);
        Path file = dir.resolve(DevSigningKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void aMalformedOrPublicOnlyKeyIsReplaced() throws Exception {
        RSAKey first = DevSigningKey.loadOrCreate(dir);
        Path file = dir.resolve(DevSigningKey.FILE);

        Files.writeString(file, first.toPublicJWK().toJSONString());
        RSAKey afterPublic = DevSigningKey.loadOrCreate(dir);
        assertThat(afterPublic.isPrivate()).isTrue();
        assertThat(afterPublic.getKeyID()).isNotEqualTo(first.getKeyID());

        Files.writeString(file, "{not json");
        RSAKey afterGarbage = DevSigningKey.loadOrCreate(dir);
        assertThat(afterGarbage.isPrivate()).isTrue();
        assertThat(DevSigningKey.loadOrCreate(dir)).isEqualTo(afterGarbage);
    }
}
