package io.tap.reconciler.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.pulumi.Context;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.support.pulumi.FixturePrograms;
import io.tap.reconciler.support.pulumi.OutOfBand;
import io.tap.reconciler.support.pulumi.PulumiCliExtension;
import io.tap.reconciler.support.pulumi.PulumiFixtureEngine;
import io.tap.reconciler.support.pulumi.PulumiTestCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A secret config value, a secret output and the passphrase never appear in drift, results,
 * exceptions or log lines — with the engine logging at DEBUG (every CLI stderr line).
 */
@ExtendWith(PulumiCliExtension.class)
class PulumiStackEngineSecretsIT {

    private static final String SECRET = "hunter2-db-password-7f3a";
    private static final String ROTATED = "rotated-db-password-91c2";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<java.util.logging.LogRecord> julRecords = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.logging.Handler julCapture = new java.util.logging.Handler() {
        @Override public void publish(java.util.logging.LogRecord r) { julRecords.add(r); }
        @Override public void flush() { }
        @Override public void close() { }
    };
    private Logger engineLogger;
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        engineLogger = (Logger) LoggerFactory.getLogger("io.tap.reconciler.engine");
        previousLevel = engineLogger.getLevel();
        engineLogger.setLevel(Level.DEBUG);
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        java.util.logging.Logger.getLogger("").addHandler(julCapture);
    }

    @AfterEach
    void stopCapture() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        engineLogger.setLevel(previousLevel);
        java.util.logging.Logger.getLogger("").removeHandler(julCapture);
    }

    @Test
    void secretsNeverLeaveTheEngine(PulumiTestCli cli, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("db.conf");
        List<String> seen = new ArrayList<>();
        try (var fx = PulumiFixtureEngine.builder(cli, dir)
                .stack(secretProgram(file, SECRET)).build()) {
            StackEngine engine = fx.engine();
            seen.add(engine.up("vault", Set.of()).toString());
            assertThat(OutOfBand.read(file)).as("the provider got the real value").isEqualTo(SECRET);

            Map<String, Object> outputs = engine.outputs("vault");
            assertThat(outputs).containsEntry("secretOut", "[secret]").containsEntry("plainOut", "visible");
            seen.add(outputs.toString());

            fx.programs().register(secretProgram(file, ROTATED));
            EngineResult preview = engine.preview("vault");
            ResourceDrift drift = preview.resources().stream().filter(d -> d.operation() == Operation.UPDATE)
                    .findFirst().orElseThrow();
            assertThat(drift.changes()).extracting(PropertyChange::path).contains("content");
            assertThat(drift.changes()).allSatisfy(c -> {
                if (c.path().equals("content")) {
                    assertThat(c.oldValue()).isEqualTo("[secret]");
                    assertThat(c.newValue()).isEqualTo("[secret]");
                }
            });
            seen.add(preview.toString());

            OutOfBand.editFile(file, "leaked " + SECRET + " and " + ROTATED);
            EngineResult refresh = engine.refreshPreview("vault");
            assertThat(refresh.resources()).isNotEmpty();
            seen.add(refresh.toString());

            fx.programs().register(new StackProgram("vault", leakingProgram(), Map.of(), Map.of("tap:token", SECRET)));
            assertThatThrownBy(() -> engine.preview("vault"))
                    .isInstanceOf(ProgramErrorException.class)
                    .satisfies(e -> {
                        EngineException ee = (EngineException) e;
                        seen.add(ee.getMessage());
                        seen.add(ee.stderrTail());
                        seen.add(ee.toString());
                        assertThat(ee.stderrTail()).contains("[secret]");
                    });

            List<String> forbidden = List.of(SECRET, ROTATED, fx.passphrase());
            for (ILoggingEvent e : logs.list) {
                seen.add(e.getFormattedMessage());
                if (e.getThrowableProxy() != null) seen.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
            for (java.util.logging.LogRecord r : julRecords) {
                seen.add(new java.util.logging.SimpleFormatter().format(r));
            }
            assertThat(logs.list).as("DEBUG captured the CLI's stderr").isNotEmpty();
            assertThat(logs.list).as("the SDK's report of the program failure, masked")
                    .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("cannot connect with password [secret]"));
            for (String text : seen) {
                for (String secret : forbidden) {
                    assertThat(text).doesNotContain(secret);
                }
            }
            try (Stream<Path> state = Files.walk(dir.resolve("state"))) {
                for (Path p : state.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(p)).as("state is encrypted: " + p).doesNotContain(SECRET).doesNotContain(ROTATED);
                }
            }
        }
    }

    private static StackProgram secretProgram(Path file, String secret) {
        return new StackProgram("vault", FixturePrograms.secretFile(file, "token"), Map.of(), Map.of("tap:token", secret));
    }

    /** A careless program that puts the secret into an exception message. */
    private static Consumer<Context> leakingProgram() {
        return ctx -> {
            throw new IllegalStateException("cannot connect with password " + ctx.config().require("token"));
        };
    }
}
