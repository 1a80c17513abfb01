package io.tap.reconciler.reconcile;

import io.tap.reconciler.alerting.AlertKind;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.config.RemediationProperties;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.engine.EngineOperation;
import io.tap.reconciler.engine.StackProgram;
import io.tap.reconciler.support.pulumi.FixtureFile;
import io.tap.reconciler.support.pulumi.FixturePrograms;
import io.tap.reconciler.support.pulumi.FixturePrograms.Desired;
import io.tap.reconciler.support.pulumi.FixturePrograms.FileSpec;
import io.tap.reconciler.support.pulumi.FixtureSleep;
import io.tap.reconciler.support.pulumi.FixtureSleepArgs;
import io.tap.reconciler.support.pulumi.OutOfBand;
import io.tap.reconciler.support.pulumi.PulumiCliExtension;
import io.tap.reconciler.support.pulumi.PulumiFixtureEngine;
import io.tap.reconciler.support.pulumi.PulumiTestCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler against the real pulumi CLI and the fixture provider: real cloud drift (files edited behind
 * Pulumi's back), real code drift (the program changes), real remediation, real backend locks and real
 * cancellation. The run history is a real H2 file database under a temp dir.
 */
@ExtendWith(PulumiCliExtension.class)
class ReconcilePulumiIT {

    private static final String STACK = "files";
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String FILE = FixtureFile.TYPE;

    @TempDir
    Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private PulumiFixtureEngine fx;
    private CountingEngine engine;
    private Harness h;
    private Desired desired;
    private final AtomicReference<Nap> nap = new AtomicReference<>(new Nap(0, "0"));
    private Path a;
    private Path b;
    private Path c;

    /** The fixture sleep resource's inputs; an update sleeps {@code seconds}. */
    record Nap(double seconds, String trigger) {
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                // best effort: the next resource must still be closed
            }
        }
    }

    private void program(com.pulumi.Context ctx) {
        FixturePrograms.files(desired).accept(ctx);
        Nap n = nap.get();
        new FixtureSleep("nap", FixtureSleepArgs.of(n.seconds(), n.trigger(), false));
    }

    /** A deployed three-file stack and the service (harness) driving it; the scheduler is started. */
    private void deploy(PulumiTestCli cli, RemediationMode mode, RemediationProperties remediation,
                        ReconcileProperties reconcile) {
        a = dir.resolve("a.txt");
        b = dir.resolve("b.txt");
        c = dir.resolve("c.txt");
        desired = new Desired().put("alpha", FileSpec.of(a, "A")).put("beta", FileSpec.of(b, "B"))
                .put("gamma", FileSpec.of(c, "C"));
        fx = PulumiFixtureEngine.builder(cli, dir.resolve("engine"))
                .timeouts(Duration.ofMinutes(5), Duration.ofSeconds(5))
                .stack(StackProgram.of(STACK, this::program)).build();
        closing.add(fx);
        fx.engine().up(STACK, Set.of());
        engine = new CountingEngine(fx.engine());
        StackProperties stack = new StackProperties(STACK, fx.backendUrl(), STACK, Duration.ofHours(1), Duration.ZERO,
                mode, null);
        h = new Harness(dir.resolve("service"), engine, stack, remediation, reconcile);
        closing.add(() -> h.close());
        h.scheduler.start();
    }

    private static RemediationProperties guardrails(int maxChanges, Set<String> protectedTypes) {
        return new RemediationProperties(Set.of("DELETE", "REPLACE"), protectedTypes, maxChanges, Duration.ofHours(1), 3);
    }

    private static RemediationProperties defaults() {
        return guardrails(20, Set.of());
    }

    private RunRecord reconcile() {
        return awaitEnded(h.scheduler.trigger(STACK, Trigger.REST, null).runId());
    }

    private RunRecord awaitEnded(String runId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> h.queries.run(runId).map(r -> r.status().isFinal()).orElse(false)
                        && !h.scheduler.running(STACK));
        return h.queries.run(runId).orElseThrow();
    }

    private static String urn(String name) {
        return PulumiFixtureEngine.urn(STACK, FILE, name);
    }

    @Test
    void detectOnlyReportsRealCloudDriftWithItsAttributesAndChangesNothing(PulumiTestCli cli) {
        deploy(cli, RemediationMode.DETECT_ONLY, defaults(), Harness.manual());
        assertThat(reconcile().status()).isEqualTo(RunStatus.CLEAN);
        OutOfBand.editFile(a, "tampered");

        RunRecord run = reconcile();

        assertThat(run.status()).isEqualTo(RunStatus.DRIFTED);
        ResourceDrift alpha = run.report().resources().stream().filter(d -> d.urn().equals(urn("alpha")))
                .findFirst().orElseThrow();
        assertThat(alpha.sources()).contains(DriftSource.CLOUD);
        assertThat(alpha.changes()).contains(new PropertyChange("content", ChangeKind.UPDATE, true, "A", "tampered"));
        assertThat(OutOfBand.read(a)).isEqualTo("tampered");
        assertThat(engine.calls(EngineOperation.UP)).isZero();
        assertThat(h.queries.latestDrift(STACK).orElseThrow().fingerprint()).isEqualTo(run.fingerprint());
        assertThat(h.alerts.events).last().satisfies(e -> assertThat(e.report().isClean()).isFalse());
    }

    @Test
    void autoRemediatesCloudAndCodeDriftWithATargetedUpAndAnEmptyVerify(PulumiTestCli cli) {
        deploy(cli, RemediationMode.AUTO, defaults(), Harness.manual());
        OutOfBand.editFile(a, "tampered");
        desired.put("beta", FileSpec.of(b, "B2"));

        RunRecord run = reconcile();

        assertThat(run.status()).isEqualTo(RunStatus.REMEDIATED);
        assertThat(run.appliedTargets()).containsExactly(urn("alpha"), urn("beta"));
        assertThat(OutOfBand.read(a)).isEqualTo("A");
        assertThat(OutOfBand.read(b)).isEqualTo("B2");
        assertThat(h.queries.latestDrift(STACK).orElseThrow().isClean()).isTrue();
        assertThat(h.alerts.kinds()).contains(AlertKind.REMEDIATED);
        assertThat(reconcile().status()).as("converged").isEqualTo(RunStatus.CLEAN);
    }

    @Test
    void aDeleteIsNeverAutoAppliedButAnApprovalAppliesExactlyThePlan(PulumiTestCli cli) {
        deploy(cli, RemediationMode.AUTO, defaults(), Harness.manual());
        desired.remove("gamma");

        RunRecord held = reconcile();

        assertThat(held.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(held.decision()).contains("never-auto operation DELETE");
        assertThat(c).exists();
        assertThat(h.queries.stack(STACK).orElseThrow().pendingApprovalRunId()).isEqualTo(held.id());

        RunRecord applied = awaitEnded(h.scheduler.approve(held.id(), "alice").runId());

        assertThat(applied.status()).isEqualTo(RunStatus.REMEDIATED);
        assertThat(applied.trigger()).isEqualTo(Trigger.APPROVAL);
        assertThat(applied.appliedTargets()).containsExactly(urn("gamma"));
        assertThat(c).doesNotExist();
        assertThatThrownBy(() -> h.scheduler.approve(held.id(), "bob")).isInstanceOf(ReconcileConflictException.class);
    }

    @Test
    void moreChangesThanAllowedOrAProtectedTypeNeedApproval(PulumiTestCli cli) {
        deploy(cli, RemediationMode.AUTO, guardrails(1, Set.of()), Harness.manual());
        OutOfBand.editFile(a, "x");
        OutOfBand.editFile(b, "y");

        RunRecord run = reconcile();

        assertThat(run.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(run.decision()).contains("2 changes exceed max-changes-per-run 1");
        assertThat(OutOfBand.read(a)).isEqualTo("x");

        // the same estate seen by a service that protects the file type
        h.close();
        h = new Harness(dir.resolve("service2"), engine, h.stack(), guardrails(20, Set.of(FILE)), Harness.manual());
        h.scheduler.start();
        RunRecord guarded = reconcile();
        assertThat(guarded.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(guarded.decision()).contains("protected type " + FILE);
        assertThat(engine.calls(EngineOperation.UP)).isZero();
    }

    @Test
    void aStalePlanIsRefusedOrNeverApplied(PulumiTestCli cli) {
        deploy(cli, RemediationMode.APPROVAL, defaults(), Harness.manual());
        OutOfBand.editFile(a, "x");
        RunRecord first = reconcile();
        OutOfBand.editFile(b, "y");
        RunRecord second = reconcile();
        assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());

        assertThatThrownBy(() -> h.scheduler.approve(first.id(), "alice"))
                .isInstanceOf(ReconcileConflictException.class).hasMessageContaining("stale");

        OutOfBand.editFile(c, "z"); // nobody has seen this yet: the approval is accepted, the apply must refuse
        RunRecord applied = awaitEnded(h.scheduler.approve(second.id(), "alice").runId());

        assertThat(applied.status()).isEqualTo(RunStatus.FAILED);
        assertThat(applied.failureKind()).isEqualTo("STALE_PLAN");
        assertThat(engine.calls(EngineOperation.UP)).isZero();
        assertThat(OutOfBand.read(a)).isEqualTo("x");
        assertThat(OutOfBand.read(b)).isEqualTo("y");
    }

    @Test
    void aResourceTamperedWithRightAfterItsRemediationIsEscalatedAsFlapping(PulumiTestCli cli) {
        deploy(cli, RemediationMode.AUTO, defaults(), Harness.manual());
        OutOfBand.editFile(a, "x");
        assertThat(reconcile().status()).isEqualTo(RunStatus.REMEDIATED);
        OutOfBand.editFile(a, "x-again");

        RunRecord run = reconcile();

        assertThat(run.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(OutOfBand.read(a)).isEqualTo("x-again");
        assertThat(engine.calls(EngineOperation.UP)).isEqualTo(1);
        assertThat(h.alerts.kinds()).contains(AlertKind.FLAPPING);
        assertThat(h.queries.stack(STACK).orElseThrow().flappingUrns()).containsExactly(urn("alpha"));
    }

    @Test
    void twentyConcurrentTriggersRunOneReconcileAndOneSetOfEngineOperations(PulumiTestCli cli) throws Exception {
        deploy(cli, RemediationMode.AUTO, defaults(), Harness.manual());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RunTicket>> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tickets.add(pool.submit((Callable<RunTicket>) () -> {
                go.await();
                return h.scheduler.trigger(STACK, Trigger.REST, null);
            }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        int joined = 0;
        for (Future<RunTicket> t : tickets) {
            RunTicket ticket = t.get(1, TimeUnit.MINUTES);
            ids.add(ticket.runId());
            if (ticket.joined()) joined++;
        }
        pool.shutdown();

        assertThat(ids).hasSize(1);
        assertThat(joined).isEqualTo(19);
        assertThat(awaitEnded(ids.iterator().next()).status()).isEqualTo(RunStatus.CLEAN);
        assertThat(engine.calls(EngineOperation.REFRESH_PREVIEW)).isEqualTo(1);
        assertThat(engine.calls(EngineOperation.PREVIEW)).isEqualTo(1);
        assertThat(engine.total()).isEqualTo(2);
        assertThat(engine.maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void aBackendLockedByAnotherReplicaIsRetriedSoonerThanTheBackoff(PulumiTestCli cli) throws Exception {
        ReconcileProperties props = new ReconcileProperties(true, 2, Duration.ofHours(1), Duration.ofMinutes(10),
                Duration.ofMinutes(30), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofDays(30));
        deploy(cli, RemediationMode.AUTO, guardrails(20, Set.of()), props);
        // another replica: same backend, same passphrase, same program; its update sleeps 40 s holding the lock
        PulumiFixtureEngine replica = PulumiFixtureEngine.builder(cli, dir.resolve("replica"))
                .backendUrl(fx.backendUrl()).passphrase(fx.passphrase())
                .stack(StackProgram.of(STACK, this::program)).build();
        closing.add(replica);
        nap.set(new Nap(40, "replica"));
        ExecutorService other = Executors.newSingleThreadExecutor();
        closing.add(other::shutdownNow);
        Future<?> replicaUp = other.submit(() -> replica.engine().up(STACK, Set.of()));
        Thread.sleep(8_000); // the replica's update is under way and holds the lock
        OutOfBand.editFile(a, "x");

        String first = h.scheduler.trigger(STACK, Trigger.REST, null).runId();

        RunRecord busy = awaitEnded(first);
        assertThat(busy.status()).isEqualTo(RunStatus.FAILED);
        assertThat(busy.failureKind()).isEqualTo("BUSY");
        assertThat(h.queries.stack(STACK).orElseThrow().nextRunAt())
                .isBefore(busy.endedAt().plus(Duration.ofSeconds(30)));
        replicaUp.get(3, TimeUnit.MINUTES);
        // the retries (2 s apart, not 10 min) end once the replica is done: its update fixed the file too
        await().atMost(WAIT).until(() -> h.queries.runs(STACK, 1).get(0).status().isFinal()
                && h.queries.runs(STACK, 1).get(0).status() != RunStatus.FAILED);
        List<RunRecord> runs = h.queries.runs(STACK, 50);
        assertThat(runs.get(0).status()).isIn(RunStatus.CLEAN, RunStatus.REMEDIATED);
        assertThat(runs.subList(1, runs.size())).allSatisfy(r -> assertThat(r.failureKind()).isEqualTo("BUSY"));
        assertThat(OutOfBand.read(a)).isEqualTo("A");
        assertThat(h.queries.stack(STACK).orElseThrow().nextRunAt())
                .as("success resets the backoff: the next run is an interval away")
                .isAfter(runs.get(0).endedAt().plus(Duration.ofMinutes(50)));
    }

    @Test
    void aShutdownDuringALongUpCancelsItAndRecordsTheRunInterrupted(PulumiTestCli cli) throws Exception {
        deploy(cli, RemediationMode.AUTO, new RemediationProperties(Set.of(), Set.of(), 20, Duration.ofHours(1), 3),
                new ReconcileProperties(false, 2, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofDays(30)));
        nap.set(new Nap(600, "slow"));
        String runId = h.scheduler.trigger(STACK, Trigger.REST, null).runId();
        assertThat(engine.upStarted.await(3, TimeUnit.MINUTES)).isTrue();
        Thread.sleep(3_000); // the CLI is running the update

        long t0 = System.nanoTime();
        h.scheduler.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        RunRecord run = h.queries.run(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(took).isLessThan(Duration.ofSeconds(90));
        assertThat(h.alerts.kinds()).contains(AlertKind.RUN_INTERRUPTED);
        assertThat(run.error()).doesNotContain(fx.passphrase());
    }

    @Test
    void aRunInProgressWhenTheProcessDiedIsInterruptedAndAlertedAtTheNextStartAndHistorySurvives(PulumiTestCli cli)
            throws Exception {
        deploy(cli, RemediationMode.AUTO, new RemediationProperties(Set.of(), Set.of(), 20, Duration.ofHours(1), 3),
                Harness.manual());
        RunRecord clean = reconcile();
        nap.set(new Nap(600, "slow"));
        String runId = h.scheduler.trigger(STACK, Trigger.REST, null).runId();
        assertThat(engine.upStarted.await(3, TimeUnit.MINUTES)).isTrue();

        // the process "dies": its database connections go away without recording anything
        Harness dead = h;
        dead.dataSource.close();
        Harness next = new Harness(dead.dir, engine, dead.stack(), defaults(), Harness.manual());
        closing.add(() -> fx.engine().cancel(STACK));
        h = next;
        next.scheduler.start();

        RunRecord run = next.queries.run(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(run.error()).contains("stopped before it ended");
        assertThat(next.alerts.kinds()).containsExactly(AlertKind.RUN_INTERRUPTED);
        assertThat(next.queries.run(clean.id()).orElseThrow().status()).isEqualTo(RunStatus.CLEAN);
        assertThat(next.queries.runs(STACK, 10)).extracting(RunRecord::id).containsExactly(runId, clean.id());
    }
}
