package io.tap.reconciler.engine;

import io.tap.reconciler.config.EngineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the passphrase of the passphrase secrets provider, in this order:
 * <ol>
 *   <li>{@code tap.engine.passphrase-file} (a mounted Secret);</li>
 *   <li>the environment variable {@code PULUMI_CONFIG_PASSPHRASE}, then the file named by
 *       {@code PULUMI_CONFIG_PASSPHRASE_FILE};</li>
 *   <li>for a local {@code file://} backend only, and when {@code tap.engine.generate-passphrase} is true:
 *       a random passphrase generated once into {@code <data-dir>/engine/passphrase} (mode 0600), with a
 *       warning — the state and that file live side by side, so it protects against nothing but
 *       accidental disclosure of the state alone; back both up together.</li>
 * </ol>
 * Otherwise it fails: losing or guessing the passphrase of a remote backend's stack is not something to
 * paper over.
 */
final class Passphrase {

    private static final Logger log = LoggerFactory.getLogger(Passphrase.class);
    static final String ENV = "PULUMI_CONFIG_PASSPHRASE";

    private Passphrase() {
    }

    static String resolve(EngineProperties props, Map<String, String> env, Path dataDir, boolean fileBackendOnly) {
        if (props.passphraseFile() != null) {
            Path f = props.passphraseFile();
            try {
                String value = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw new IllegalStateException("tap.engine.passphrase-file " + f + " is empty");
                }
                return value;
            } catch (IOException e) {
                throw new IllegalStateException("tap.engine.passphrase-file " + f + " cannot be read: " + e.getMessage(), e);
            }
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) return fromEnv;
        String envFile = env.get(ENV + "_FILE");
        if (envFile != null && !envFile.isBlank()) {
            return resolve(props.withPassphraseFile(Path.of(envFile)), Map.of(), dataDir, fileBackendOnly);
        }
        if (!fileBackendOnly || !props.generatePassphrase()) {
            throw new IllegalStateException("no Pulumi passphrase: set the environment variable " + ENV
                    + " or tap.engine.passphrase-file (a mounted Secret)"
                    + (fileBackendOnly ? "" : "; a passphrase is never generated for a remote backend"));
        }
        return generated(dataDir.resolve("engine").resolve("passphrase"));
    }

    private static String generated(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, value, StandardCharsets.UTF_8);
            log.warn("No Pulumi passphrase configured: generated one into {} (mode 0600) for the local file backend. "
                    + "Back it up with the state; without it the stack's secrets cannot be decrypted. "
                    + "Set PULUMI_CONFIG_PASSPHRASE or tap.engine.passphrase-file to choose your own.", file);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the generated passphrase file " + file, e);
        }
    }
}
