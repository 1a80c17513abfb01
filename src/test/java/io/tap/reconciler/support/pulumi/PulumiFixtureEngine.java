package io.tap.reconciler.support.pulumi;

import com.pulumi.Context;
import io.tap.reconciler.config.EngineProperties;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.engine.PulumiStackEngine;
import io.tap.reconciler.engine.StackProgram;
import io.tap.reconciler.engine.StackPrograms;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A real {@link PulumiStackEngine} for tests: a temp data dir with a {@code file://} backend, a fresh
 * passphrase, {@code PULUMI_HOME} inside the data dir, plugin acquisition off (the fixture provider
 * is found as an ambient plugin next to the CLI), and one stack per registered program (the stack's
 * {@code program} is its own name).
 *
 * <pre>{@code
 * var desired = new FixturePrograms.Desired().put("greeting", FileSpec.of(dir.resolve("g.txt"), "hello"));
 * try (var fx = PulumiFixtureEngine.builder(cli, dir).stack("files", FixturePrograms.files(desired)).build()) {
 *     fx.engine().up("files", Set.of());
 *     OutOfBand.editFile(dir.resolve("g.txt"), "tampered");
 *     EngineResult drift = fx.engine().refreshPreview("files");   // UPDATE on content
 * }
 * }</pre>
 * Two fixtures built with the same {@link Builder#backendUrl} and {@link Builder#passphrase} share
 * stacks, like two service replicas (used for real backend-lock tests).
 */
public final class PulumiFixtureEngine implements AutoCloseable {

    /** Project name of every fixture stack (part of each URN). */
    public static final String PROJECT = "tap";

    private final PulumiStackEngine engine;
    private final StackPrograms programs;
    private final TapProperties tap;
    private final String backendUrl;
    private final String passphrase;

    private PulumiFixtureEngine(PulumiStackEngine engine, StackPrograms programs, TapProperties tap,
                                String backendUrl, String passphrase) {
        this.engine = engine;
        this.programs = programs;
        this.tap = tap;
        this.backendUrl = backendUrl;
        this.passphrase = passphrase;
    }

    public static Builder builder(PulumiTestCli cli, Path dataDir) {
        return new Builder(cli, dataDir);
    }

    public PulumiStackEngine engine() {
        return engine;
    }

    /** The registry, to swap a stack's program between operations. */
    public StackPrograms programs() {
        return programs;
    }

    public TapProperties tapProperties() {
        return tap;
    }

    public String backendUrl() {
        return backendUrl;
    }

    /** The passphrase the engine uses (tests assert it never leaks). */
    public String passphrase() {
        return passphrase;
    }

    /** URN of a top-level resource of a fixture stack. */
    public static String urn(String stack, String type, String name) {
        return FixturePrograms.urn(stack, PROJECT, type, name);
    }

    /** The fully qualified name a StackReference uses for a stack of this file backend. */
    public static String qualified(String stack) {
        return "organization/" + PROJECT + "/" + stack;
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Builds a {@link PulumiFixtureEngine}. */
    public static final class Builder {
        private final PulumiTestCli cli;
        private final Path dataDir;
        private final List<StackProgram> programs = new ArrayList<>();
        private Duration operationTimeout = Duration.ofMinutes(5);
        private Duration cancelGrace = Duration.ofSeconds(10);
        private String backendUrl;
        private String passphrase = "fixture-" + UUID.randomUUID();

        private Builder(PulumiTestCli cli, Path dataDir) {
            this.cli = cli;
            this.dataDir = dataDir;
        }

        /** A stack named like its program. */
        public Builder stack(String name, Consumer<Context> program) {
            return stack(StackProgram.of(name, program));
        }

        /** A stack named like its program, with stack config. */
        public Builder stack(StackProgram program) {
            programs.add(program);
            return this;
        }

        public Builder timeouts(Duration operation, Duration grace) {
            this.operationTimeout = operation;
            this.cancelGrace = grace;
            return this;
        }

        /** Shares a backend with another fixture (default: {@code <dataDir>/state}). */
        public Builder backendUrl(String url) {
            this.backendUrl = url;
            return this;
        }

        public Builder passphrase(String passphrase) {
            this.passphrase = passphrase;
            return this;
        }

        public PulumiFixtureEngine build() {
            String backend = backendUrl != null ? backendUrl : dataDir.toAbsolutePath().resolve("state").toUri().toString();
            List<StackProperties> stacks = programs.stream().map(p -> new StackProperties(p.name(), backend, p.name(),
                    Duration.ofMinutes(5), Duration.ZERO, RemediationMode.DETECT_ONLY, null)).toList();
            TapProperties tap = new TapProperties(dataDir, stacks);
            EngineProperties props = EngineProperties.defaults()
                    .withCliPath(cli.cli())
                    .withTimeouts(operationTimeout, cancelGrace)
                    .withPulumiHome(dataDir.resolve("pulumi-home"), false);
            StackPrograms registry = new StackPrograms(programs);
            PulumiStackEngine engine = new PulumiStackEngine(tap, props, registry,
                    Map.of("PULUMI_CONFIG_PASSPHRASE", passphrase));
            return new PulumiFixtureEngine(engine, registry, tap, backend, passphrase);
        }
    }
}
