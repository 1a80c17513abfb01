package io.tap.reconciler.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the Pulumi engine is run ({@code tap.engine}). The passphrase itself is never configured
 * here: it comes from the environment variable {@code PULUMI_CONFIG_PASSPHRASE} or from the file
 * named by {@code passphrase-file} (a mounted Secret).
 *
 * @param project             Pulumi project name of every stack (part of each URN and of the backend path)
 * @param pulumiHome          {@code PULUMI_HOME} for the CLI (plugins, workspace settings); {@code null} keeps the CLI's default
 * @param cliPath             the {@code pulumi} binary; {@code null} means search {@code searchPath}
 * @param searchPath          directories searched for {@code pulumi} (path-separator list); {@code null} means {@code PATH}
 * @param minimumVersion      the oldest CLI version accepted (tests run against v3.276.0)
 * @param operationTimeout    an operation running longer is cancelled, then killed, and reported as TIMEOUT
 * @param cancelGrace         after cancelling, how long to wait for the CLI to stop before killing it
 * @param passphraseFile      file holding the secrets-provider passphrase (takes precedence over generation)
 * @param generatePassphrase  for a {@code file://} backend with no passphrase configured, create one under the
 *                            data dir (mode 0600) and warn; when false (or for remote backends) start-up fails instead
 * @param skipUpdateCheck     sets {@code PULUMI_SKIP_UPDATE_CHECK}
 * @param pluginAcquisition   when false sets {@code PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION}: plugins must be
 *                            installed or on PATH
 * @param stderrTailLines     how many stderr lines an {@code EngineException} carries
 * @param environment         extra environment for the CLI (e.g. {@code AWS_PROFILE}); never put secrets here
 */
@Validated
@ConfigurationProperties(prefix = "tap.engine", ignoreUnknownFields = false)
public record EngineProperties(
        @DefaultValue("tap") @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must be a Pulumi project name") String project,
        Path pulumiHome,
        Path cliPath,
        String searchPath,
        @DefaultValue("3.276.0") @NotBlank @Pattern(regexp = "\\d+\\.\\d+\\.\\d+", message = "must be a version like 3.276.0") String minimumVersion,
        @DefaultValue("30m") @NotNull Duration operationTimeout,
        @DefaultValue("30s") @NotNull Duration cancelGrace,
        Path passphraseFile,
        @DefaultValue("true") boolean generatePassphrase,
        @DefaultValue("true") boolean skipUpdateCheck,
        @DefaultValue("true") boolean pluginAcquisition,
        @DefaultValue("40") int stderrTailLines,
        Map<String, String> environment) {

    public EngineProperties {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** Defaults, as used when {@code tap.engine} is absent. */
    public static EngineProperties defaults() {
        return new EngineProperties("tap", null, null, null, "3.276.0", Duration.ofMinutes(30), Duration.ofSeconds(30), null,
                true, true, true, 40, Map.of());
    }

    /** A copy using this CLI binary. */
    public EngineProperties withCliPath(Path path) {
        return new EngineProperties(project, pulumiHome, path, searchPath, minimumVersion, operationTimeout, cancelGrace,
                passphraseFile, generatePassphrase, skipUpdateCheck, pluginAcquisition, stderrTailLines, environment);
    }

    /** A copy searching these directories for the CLI. */
    public EngineProperties withSearchPath(String dirs) {
        return new EngineProperties(project, pulumiHome, cliPath, dirs, minimumVersion, operationTimeout, cancelGrace,
                passphraseFile, generatePassphrase, skipUpdateCheck, pluginAcquisition, stderrTailLines, environment);
    }

    /** A copy with these timeouts. */
    public EngineProperties withTimeouts(Duration operation, Duration grace) {
        return new EngineProperties(project, pulumiHome, cliPath, searchPath, minimumVersion, operation, grace,
                passphraseFile, generatePassphrase, skipUpdateCheck, pluginAcquisition, stderrTailLines, environment);
    }

    /** A copy reading the passphrase from this file. */
    public EngineProperties withPassphraseFile(Path file) {
        return new EngineProperties(project, pulumiHome, cliPath, searchPath, minimumVersion, operationTimeout, cancelGrace,
                file, generatePassphrase, skipUpdateCheck, pluginAcquisition, stderrTailLines, environment);
    }

    /** A copy with this {@code PULUMI_HOME} and plugin acquisition switch. */
    public EngineProperties withPulumiHome(Path home, boolean acquirePlugins) {
        return new EngineProperties(project, home, cliPath, searchPath, minimumVersion, operationTimeout, cancelGrace,
                passphraseFile, generatePassphrase, skipUpdateCheck, acquirePlugins, stderrTailLines, environment);
    }

    /** A copy with passphrase generation for file backends switched on or off. */
    public EngineProperties withGeneratePassphrase(boolean generate) {
        return new EngineProperties(project, pulumiHome, cliPath, searchPath, minimumVersion, operationTimeout, cancelGrace,
                passphraseFile, generate, skipUpdateCheck, pluginAcquisition, stderrTailLines, environment);
    }
}
