package io.tap.reconciler.engine;

import io.tap.reconciler.config.EngineProperties;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.config.TapProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without a usable pulumi CLI the engine starts, reports itself unavailable and fails with the install step. */
class PulumiStackEngineCliMissingTest {

    @Test
    void withPulumiAbsentFromThePathOperationsFailAsCliMissingNamingTheInstallStep(@TempDir Path dir) throws IOException {
        Path emptyPath = Files.createDirectories(dir.resolve("empty-bin"));
        PulumiStackEngine engine = engine(dir, EngineProperties.defaults().withSearchPath(emptyPath.toString()));

        EngineAvailability availability = engine.availability();
        assertThat(availability.available()).isFalse();
        assertThat(availability.version()).isNull();
        assertThat(availability.problem()).contains("not found").contains("bash .ci/install-pulumi.sh");

        assertThatThrownBy(() -> engine.preview("s"))
                .isInstanceOf(CliMissingException.class)
                .hasMessageContaining("bash .ci/install-pulumi.sh")
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(EngineException.Kind.CLI_MISSING))
                .satisfies(e -> assertThat(((EngineException) e).kind().isTransient()).isFalse());
        assertThatThrownBy(() -> engine.up("s", Set.of())).isInstanceOf(CliMissingException.class);
        engine.close();
    }

    @Test
    void aCliOlderThanTheMinimumIsReportedWithBothVersions(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("pulumi");
        Files.writeString(fake, "#!/bin/sh\necho v3.100.0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        PulumiStackEngine engine = engine(dir, EngineProperties.defaults().withCliPath(fake));

        assertThat(engine.availability().problem())
                .contains("v3.100.0").contains("v3.276.0").contains("tap.engine.minimum-version")
                .contains("bash .ci/install-pulumi.sh");
        assertThatThrownBy(() -> engine.refreshPreview("s")).isInstanceOf(CliMissingException.class);
        engine.close();
    }

    @Test
    void aRemoteBackendWithoutAPassphraseStopsStartUpNamingBothSources(@TempDir Path dir) {
        TapProperties tap = new TapProperties(dir, List.of(new StackProperties("s", "s3://bucket/state", "p",
                Duration.ofMinutes(5), Duration.ZERO, RemediationMode.DETECT_ONLY, null)));
        assertThatThrownBy(() -> new PulumiStackEngine(tap, EngineProperties.defaults(), programs(), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PULUMI_CONFIG_PASSPHRASE").hasMessageContaining("tap.engine.passphrase-file");
    }

    @Test
    void aLocalFileBackendWithoutAPassphraseGetsAGeneratedOwnerOnlyOne(@TempDir Path dir) throws IOException {
        PulumiStackEngine first = new PulumiStackEngine(tap(dir), EngineProperties.defaults(), programs(), Map.of());
        Path file = dir.resolve("engine").resolve("passphrase");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String generated = Files.readString(file);
        assertThat(generated).hasSizeGreaterThanOrEqualTo(40);
        first.close();
        new PulumiStackEngine(tap(dir), EngineProperties.defaults(), programs(), Map.of()).close();
        assertThat(Files.readString(file)).as("reused, not regenerated").isEqualTo(generated);
        assertThat(dir.resolve("state")).as("file backend dir created on start").isDirectory();
    }

    private static PulumiStackEngine engine(Path dir, EngineProperties props) {
        return new PulumiStackEngine(tap(dir), props, programs(), Map.of("PULUMI_CONFIG_PASSPHRASE", "unit-test-passphrase"));
    }

    private static TapProperties tap(Path dir) {
        return new TapProperties(dir, List.of(new StackProperties("s", null, "p", Duration.ofMinutes(5), Duration.ZERO,
                RemediationMode.DETECT_ONLY, null)));
    }

    private static StackPrograms programs() {
        return new StackPrograms(List.of(StackProgram.of("p", ctx -> { })));
    }
}
