package io.tap.reconciler.support.pulumi;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the real pulumi CLI and the fixture provider for {@code *IT} tests, and FAILS the test class
 * with the install step when they are missing or stale — never skips.
 *
 * <p>Looks in {@code PATH} first, then in the cache dir that {@code .ci/install-pulumi.sh} fills
 * ({@code $TAP_TOOLS_DIR} or {@code ~/.cache/tap-reconciler/tools}, sub-directory
 * {@code pulumi-v3.276.0}). Inject the result as a {@link PulumiTestCli} parameter:
 * <pre>{@code
 * @ExtendWith(PulumiCliExtension.class)
 * class MyIT {
 *     @Test void works(PulumiTestCli cli, @TempDir Path dir) {
 *         try (var fx = PulumiFixtureEngine.builder(cli, dir).stack("a", FixturePrograms.files(...)).build()) { ... }
 *     }
 * }
 * }</pre>
 */
public final class PulumiCliExtension implements BeforeAllCallback, ParameterResolver {

    /** The CLI version the tests are pinned to. */
    public static final String VERSION = "v3.276.0";
    /** What to run when something is missing. */
    public static final String INSTALL_HINT = "run `bash .ci/install-pulumi.sh` (builds pulumi " + VERSION
            + " and the fixture provider from Go modules into ~/.cache/tap-reconciler/tools/pulumi-" + VERSION
            + "; needs Go ≥ 1.26) and put the printed directory on PATH, or just run `bash .ci/run`";
    private static final String PROVIDER = "pulumi-resource-tapfixture";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PulumiCliExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NS).getOrComputeIfAbsent(PulumiTestCli.class, k -> locate(), PulumiTestCli.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == PulumiTestCli.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(NS).getOrComputeIfAbsent(PulumiTestCli.class, k -> locate(), PulumiTestCli.class);
    }

    /** Locates the CLI and provider or throws an {@link AssertionError} naming the install step. */
    public static PulumiTestCli locate() {
        List<Path> dirs = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isBlank()) dirs.add(Path.of(d));
        }
        Path cacheDir = cacheDir();
        dirs.add(cacheDir);
        Path cli = dirs.stream().map(d -> d.resolve("pulumi")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("pulumi CLI not found on PATH nor in " + cacheDir + ": " + INSTALL_HINT));
        Path binDir = cli.toAbsolutePath().getParent();
        Path provider = Stream.concat(Stream.of(binDir), dirs.stream()).map(d -> d.resolve(PROVIDER))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("fixture provider " + PROVIDER + " not found next to " + cli
                        + " nor on PATH: " + INSTALL_HINT));
        checkFresh(provider);
        String version = version(cli);
        if (!version.equals(VERSION)) {
            throw new AssertionError(cli + " is " + version + ", the tests need " + VERSION + ": " + INSTALL_HINT);
        }
        return new PulumiTestCli(cli.toAbsolutePath(), binDir, version);
    }

    static Path cacheDir() {
        String tools = System.getenv("TAP_TOOLS_DIR");
        Path base = tools != null && !tools.isBlank() ? Path.of(tools)
                : Path.of(System.getProperty("user.home"), ".cache", "tap-reconciler", "tools");
        return base.resolve("pulumi-" + VERSION);
    }

    /**
     * The install script builds the provider into {@code fixture-<hash of its sources>}; when the
     * sources changed since, the binary is stale and tests would fail for the wrong reason.
     */
    private static void checkFresh(Path provider) {
        Path src = Path.of("tools", "fixture-provider");
        if (!Files.isDirectory(src)) return;
        try {
            Path real = provider.toRealPath();
            String dirName = real.getParent().getFileName().toString();
            if (!dirName.startsWith("fixture-")) return; // built some other way: trust it
            String expected = "fixture-" + sourceHash(src);
            if (!dirName.equals(expected)) {
                throw new AssertionError("fixture provider " + real + " was built from older sources of " + src
                        + " (expected " + expected + "): " + INSTALL_HINT);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot inspect " + provider + ": " + e.getMessage() + "; " + INSTALL_HINT, e);
        }
    }

    /** Same digest as {@code .ci/install-pulumi.sh}: sha256 of the *.go files (sorted) then go.mod, 16 hex chars. */
    static String sourceHash(Path src) throws IOException {
        try (Stream<Path> files = Files.list(src)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".go")).sorted().toList()) {
                sha.update(Files.readAllBytes(f));
            }
            sha.update(Files.readAllBytes(src.resolve("go.mod")));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version(Path cli) {
        try {
            Process p = new ProcessBuilder(cli.toString(), "version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("`" + cli + " version` failed: " + out + "; " + INSTALL_HINT);
            }
            return out.lines().reduce((a, b) -> b).orElse("");
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cli + ": " + e.getMessage() + "; " + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The provider binary next to the CLI, if present. */
    public static Optional<Path> provider(PulumiTestCli cli) {
        Path p = cli.binDir().resolve(PROVIDER);
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
}
