package io.tap.reconciler.engine;

import io.tap.reconciler.support.pulumi.FixturePrograms;
import io.tap.reconciler.support.pulumi.FixtureSleep;
import io.tap.reconciler.support.pulumi.PulumiCliExtension;
import io.tap.reconciler.support.pulumi.PulumiFixtureEngine;
import io.tap.reconciler.support.pulumi.PulumiTestCli;
import io.tap.reconciler.engine.EngineException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Busy stacks, cancellation and timeouts, with real backend locks and real CLI processes. */
@ExtendWith(PulumiCliExtension.class)
class PulumiStackEngineLockingIT {

    @Test
    void aSecondUpdateOfALockedStackIsBusyNotAFailureAndCancelReleasesTheLock(PulumiTestCli cli, @TempDir Path dir)
            throws Exception {
        try (var first = PulumiFixtureEngine.builder(cli, dir.resolve("replica-1"))
                .stack("locked", FixturePrograms.sleeping(120, "t1", false)).build();
             var second = PulumiFixtureEngine.builder(cli, dir.resolve("replica-2"))
                     .backendUrl(first.backendUrl()).passphrase(first.passphrase())
                     .stack("locked", FixturePrograms.sleeping(0.1, "t1", false)).build()) {
            CompletableFuture<EngineResult> holding = CompletableFuture.supplyAsync(() -> first.engine().up("locked", Set.of()));
            awaitLock(first.backendUrl());

            // another replica: the backend lock
            assertThatThrownBy(() -> second.engine().up("locked", Set.of()))
                    .isInstanceOf(StackBusyException.class)
                    .satisfies(e -> assertThat(((EngineException) e).kind().isTransient()).isTrue())
                    .satisfies(e -> assertThat(((EngineException) e).stderrTail()).contains("locked"));
            // this service: a second operation of the same stack
            assertThatThrownBy(() -> first.engine().preview("locked"))
                    .isInstanceOf(StackBusyException.class)
                    .hasMessageContaining("already running");

            long start = System.nanoTime();
            first.engine().cancel("locked");
            assertThatThrownBy(() -> holding.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(OperationCancelledException.class)
                    .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(Kind.CANCELLED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the provider honoured the cancellation")
                    .isLessThan(Duration.ofSeconds(30));

            EngineResult after = second.engine().up("locked", Set.of());
            assertThat(after.resources()).extracting(d -> d.type()).contains(FixtureSleep.TYPE);
        }
    }

    @Test
    void anOperationThatOutlivesItsTimeoutIsCancelledThenKilledAndReportedAsTimeout(PulumiTestCli cli, @TempDir Path dir) {
        try (var fx = PulumiFixtureEngine.builder(cli, dir)
                .stack("stuck", FixturePrograms.sleeping(600, "t1", true))
                .timeouts(Duration.ofSeconds(8), Duration.ofSeconds(3)).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> fx.engine().up("stuck", Set.of()))
                    .isInstanceOf(OperationTimeoutException.class)
                    .hasMessageContaining("timeout")
                    .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(Kind.TIMEOUT));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("timeout 8s + grace 3s, not the 600s the resource wanted").isLessThan(Duration.ofSeconds(45));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(ourPulumiProcesses())
                    .as("the CLI and its provider plugin are gone").isEmpty());
            assertThat(lockFiles(fx.backendUrl())).as("the killed update's lock was released").isEmpty();

            // the stack is usable again; the interrupted create is a pending operation the next update clears
            fx.programs().register(StackProgram.of("stuck", FixturePrograms.sleeping(0.1, "t2", false)));
            assertThat(fx.engine().preview("stuck").resources()).isNotEmpty();
        }
    }

    @Test
    void aTimeoutWhoseCancellationIsHonouredNeedsNoKill(PulumiTestCli cli, @TempDir Path dir) {
        try (var fx = PulumiFixtureEngine.builder(cli, dir)
                .stack("slow", FixturePrograms.sleeping(600, "t1", false))
                .timeouts(Duration.ofSeconds(8), Duration.ofSeconds(30)).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> fx.engine().up("slow", Set.of())).isInstanceOf(OperationTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stopped by SIGINT well within the 30s grace")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(lockFiles(fx.backendUrl())).isEmpty();
        }
    }

    /**
     * Waits until the update holds the lock and its Sleep create is in flight: the checkpoint then
     * records the pending operation and is not rewritten until the create ends (reading it while the
     * engine rewrites it between steps can fail with "failed to load checkpoint: EOF").
     */
    private static void awaitLock(String backendUrl) {
        Path stacks = Path.of(java.net.URI.create(backendUrl)).resolve(".pulumi").resolve("stacks");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> !lockFiles(backendUrl).isEmpty() && checkpointHasPendingOperation(stacks));
    }

    private static boolean checkpointHasPendingOperation(Path stacks) throws IOException {
        if (!Files.isDirectory(stacks)) return false;
        try (Stream<Path> s = Files.walk(stacks)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                String json = Files.readString(p);
                if (json.contains("\"pending_operations\"") && json.contains(FixtureSleep.TYPE)) return true;
            }
        }
        return false;
    }

    static java.util.List<Path> lockFiles(String backendUrl) {
        Path locks = Path.of(java.net.URI.create(backendUrl)).resolve(".pulumi").resolve("locks");
        if (!Files.isDirectory(locks)) return java.util.List.of();
        try (Stream<Path> s = Files.walk(locks)) {
            return s.filter(p -> p.toString().endsWith(".json")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static java.util.List<ProcessHandle> ourPulumiProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("pulumi")).orElse(false)).toList();
    }
}
