package io.tap.reconciler.engine;

import com.pulumi.automation.Version;
import io.tap.reconciler.config.EngineProperties;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds the pulumi CLI and checks its version. */
final class PulumiCli {

    /** The install step named by every "CLI missing" error. */
    static final String INSTALL_HINT = "install it with `bash .ci/install-pulumi.sh` (builds pulumi v3.276.0 "
            + "and prints the directory to put on PATH), or set tap.engine.cli-path";

    private final Path path;
    private final Version version;

    private PulumiCli(Path path, Version version) {
        this.path = path;
        this.version = version;
    }

    Path path() {
        return path;
    }

    Version version() {
        return version;
    }

    /**
     * Locates the CLI and checks it is at least {@code tap.engine.minimum-version}.
     *
     * @throws CliMissingException naming the install step when it is absent, broken or too old
     */
    static PulumiCli locate(EngineProperties props) {
        Path cli = props.cliPath() != null ? props.cliPath() : search(props.searchPath())
                .orElseThrow(() -> new CliMissingException("the pulumi CLI was not found on "
                        + (props.searchPath() != null ? "tap.engine.search-path" : "PATH") + "; " + INSTALL_HINT));
        if (!Files.isExecutable(cli)) {
            throw new CliMissingException("the pulumi CLI " + cli + " does not exist or is not executable; " + INSTALL_HINT);
        }
        String reported = run(cli);
        Version found = Version.tryParse(reported.startsWith("v") ? reported.substring(1) : reported)
                .orElseThrow(() -> new CliMissingException("could not read the version of " + cli + " (it printed '"
                        + abbreviate(reported) + "'); " + INSTALL_HINT));
        Version minimum = Version.parse(props.minimumVersion());
        if (found.isLowerThan(minimum)) {
            throw new CliMissingException("the pulumi CLI " + cli + " is v" + found + ", older than the required v"
                    + minimum + " (tap.engine.minimum-version); " + INSTALL_HINT);
        }
        return new PulumiCli(cli, found);
    }

    private static Optional<Path> search(String searchPath) {
        String dirs = searchPath != null ? searchPath : System.getenv().getOrDefault("PATH", "");
        for (String dir : dirs.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path candidate = Path.of(dir, "pulumi");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate.toAbsolutePath());
        }
        return Optional.empty();
    }

    private static String run(Path cli) {
        try {
            Process p = new ProcessBuilder(cli.toString(), "version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CliMissingException("`" + cli + " version` did not answer within 30s; " + INSTALL_HINT);
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new CliMissingException("`" + cli + " version` failed (exit " + p.exitValue() + "): "
                        + abbreviate(text) + "; " + INSTALL_HINT);
            }
            // the version is the last line; warnings may precede it
            return text.lines().reduce((a, b) -> b).orElse("").strip();
        } catch (IOException e) {
            throw new CliMissingException("could not run " + cli + ": " + e.getMessage() + "; " + INSTALL_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliMissingException("interrupted while checking " + cli);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
