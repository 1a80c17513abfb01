package io.tap.reconciler.reconcile;

import io.tap.reconciler.alerting.AlertKind;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.engine.EngineException;
import io.tap.reconciler.engine.EngineOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

import static io.tap.reconciler.reconcile.FakeStackEngine.drift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Single flight, approval, backoff, shutdown and restart, against a fake engine and a real H2 file database. */
class ReconcileSchedulerTest {

    private static final String SG = "aws:ec2/securityGroup:SecurityGroup";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private Harness h;
    private final FakeStackEngine engine = new FakeStackEngine();

    private Harness start(RemediationMode mode, ReconcileProperties props) {
        h = new Harness(dir, engine, mode, Harness.guardrails(), props);
        h.scheduler.start();
        return h;
    }

    @AfterEach
    void close() {
        engine.release();
        if (h != null) h.close();
    }

    private RunRecord awaitEnded(String runId) {
        await().atMost(WAIT).until(() -> h.queries.run(runId).map(r -> r.status().isFinal()).orElse(false)
                && !h.scheduler.running("prod"));
        return h.queries.run(runId).orElseThrow();
    }

    @Test
    void twentyConcurrentTriggersJoinOneRunAndOneEngineOperation() throws Exception {
        start(RemediationMode.AUTO, Harness.manual());
        engine.block();
        String first = h.scheduler.trigger("prod", Trigger.REST, null).runId();
        assertThat(engine.awaitEntered(WAIT)).isTrue();

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RunTicket>> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tickets.add(pool.submit((Callable<RunTicket>) () -> {
                go.await();
                return h.scheduler.trigger("prod", Trigger.REST, null);
            }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<RunTicket> t : tickets) {
            RunTicket ticket = t.get();
            assertThat(ticket.joined()).isTrue();
            ids.add(ticket.runId());
        }
        pool.shutdown();

        assertThat(ids).containsExactly(first);
        assertThat(h.queries.stack("prod").orElseThrow().running()).isTrue();
        engine.release();
        awaitEnded(first);
        assertThat(engine.calls(EngineOperation.REFRESH_PREVIEW)).isEqualTo(1);
        assertThat(engine.maxConcurrent.get()).isEqualTo(1);
        assertThat(h.queries.runs("prod", 100)).hasSize(1);
    }

    @Test
    void aTriggerMayDowngradeButNeverUpgradeTheMode() {
        engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD));
        start(RemediationMode.APPROVAL, Harness.manual());
        assertThatThrownBy(() -> h.scheduler.trigger("prod", Trigger.REST, RemediationMode.AUTO))
                .isInstanceOf(ReconcileConflictException.class).hasMessageContaining("only downgrade");
        assertThat(h.queries.runs("prod", 10)).isEmpty();

        RunRecord run = awaitEnded(h.scheduler.trigger("prod", Trigger.REST, RemediationMode.DETECT_ONLY).runId());
        assertThat(run.mode()).isEqualTo(RemediationMode.DETECT_ONLY);
        assertThat(run.status()).isEqualTo(RunStatus.DRIFTED);
        assertThatThrownBy(() -> h.scheduler.trigger("nope", Trigger.REST, null)).isInstanceOf(UnknownStackException.class);
    }

    @Test
    void approvingAHeldPlanAppliesExactlyThatPlanAndVerifiesIt() {
        var web = drift("web", SG, Operation.UPDATE, DriftSource.CLOUD);
        engine.cloudDrift(web);
        start(RemediationMode.APPROVAL, Harness.manual());
        RunRecord held = awaitEnded(h.scheduler.trigger("prod", Trigger.SCHEDULE, null).runId());
        assertThat(held.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(engine.calls(EngineOperation.UP)).isZero();

        RunTicket ticket = h.scheduler.approve(held.id(), "alice");
        RunRecord applied = awaitEnded(ticket.runId());

        assertThat(applied.trigger()).isEqualTo(Trigger.APPROVAL);
        assertThat(applied.status()).isEqualTo(RunStatus.REMEDIATED);
        assertThat(applied.appliedTargets()).containsExactly(web.urn());
        assertThat(applied.decision()).contains("approved by alice");
        assertThat(engine.upTargets).containsExactly(Set.of(web.urn()));
        assertThat(h.queries.stack("prod").orElseThrow().pendingApprovalRunId()).isNull();
        assertThatThrownBy(() -> h.scheduler.approve(held.id(), "bob")).isInstanceOf(ReconcileConflictException.class)
                .hasMessageContaining("already approved by alice");
        assertThatThrownBy(() -> h.scheduler.approve(applied.id(), "bob")).isInstanceOf(ReconcileConflictException.class)
                .hasMessageContaining("not awaiting approval");
        assertThatThrownBy(() -> h.scheduler.approve("no-such-run", "bob")).isInstanceOf(UnknownRunException.class);
    }

    @Test
    void aPlanIsStaleOnceANewerRunSawDifferentDrift() {
        engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD));
        start(RemediationMode.APPROVAL, Harness.manual());
        RunRecord held = awaitEnded(h.scheduler.trigger("prod", Trigger.SCHEDULE, null).runId());
        engine.cloudDrift(drift("api", SG, Operation.UPDATE, DriftSource.CLOUD));
        awaitEnded(h.scheduler.trigger("prod", Trigger.SCHEDULE, null).runId());

        assertThatThrownBy(() -> h.scheduler.approve(held.id(), "alice")).isInstanceOf(ReconcileConflictException.class)
                .hasMessageContaining("stale");
        assertThat(engine.calls(EngineOperation.UP)).isZero();
    }

    @Test
    void aPlanWhoseDriftChangedAfterApprovalIsNeverApplied() {
        engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD));
        start(RemediationMode.APPROVAL, Harness.manual());
        RunRecord held = awaitEnded(h.scheduler.trigger("prod", Trigger.SCHEDULE, null).runId());
        engine.cloudDrift(drift("api", SG, Operation.UPDATE, DriftSource.CLOUD)); // no run has seen it yet

        RunRecord run = awaitEnded(h.scheduler.approve(held.id(), "alice").runId());

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo("STALE_PLAN");
        assertThat(engine.calls(EngineOperation.UP)).isZero();
        assertThat(h.alerts.kinds()).contains(AlertKind.RUN_FAILED);
    }

    @Test
    void anExpiredPlanCannotBeApproved() {
        engine.codeDrift(drift("db", SG, Operation.DELETE, DriftSource.CODE));
        start(RemediationMode.AUTO, Harness.manual());
        RunRecord held = awaitEnded(h.scheduler.trigger("prod", Trigger.SCHEDULE, null).runId());
        assertThat(held.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        h.clock.advance(h.remediation.approvalTtl().plusSeconds(1));

        assertThatThrownBy(() -> h.scheduler.approve(held.id(), "alice")).isInstanceOf(ReconcileConflictException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void transientFailuresAreRetriedWithBackoffAndASuccessResetsIt() {
        ReconcileProperties props = new ReconcileProperties(true, 2, Duration.ofMillis(10), Duration.ofMillis(300),
                Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofDays(30));
        for (int i = 0; i < 3; i++) {
            engine.failNext(EngineOperation.REFRESH_PREVIEW, new EngineException(EngineException.Kind.ENGINE_FAILURE,
                    "connection reset", "", null));
        }
        start(RemediationMode.AUTO, props);

        // three failures (300 ms, 600 ms, 1.2 s of backoff), then a clean run; the interval is an hour
        await().atMost(WAIT).until(() -> h.queries.runs("prod", 10).stream().anyMatch(r -> r.status() == RunStatus.CLEAN));
        List<RunRecord> runs = h.queries.runs("prod", 10);
        assertThat(runs).extracting(RunRecord::status).containsExactly(RunStatus.CLEAN, RunStatus.FAILED,
                RunStatus.FAILED, RunStatus.FAILED);
        assertThat(gapMillis(runs.get(1), runs.get(0))).isGreaterThanOrEqualTo(1200);
        assertThat(gapMillis(runs.get(2), runs.get(1))).isGreaterThanOrEqualTo(600);
        assertThat(gapMillis(runs.get(3), runs.get(2))).isGreaterThanOrEqualTo(300);
        // after the success the next run waits for the interval again
        assertThat(h.queries.stack("prod").orElseThrow().nextRunAt())
                .isAfter(h.clock.instant().plus(Duration.ofMinutes(59)));
    }

    private static long gapMillis(RunRecord earlier, RunRecord later) {
        return later.startedAt().toEpochMilli() - earlier.endedAt().toEpochMilli();
    }

    @Test
    void aShutdownCancelsTheRunningEngineOperationAndRecordsTheRunInterrupted() throws Exception {
        start(RemediationMode.AUTO, Harness.manual());
        engine.block();
        String runId = h.scheduler.trigger("prod", Trigger.REST, null).runId();
        assertThat(engine.awaitEntered(WAIT)).isTrue();

        h.scheduler.stop();

        RunRecord run = h.queries.run(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(h.alerts.kinds()).containsExactly(AlertKind.RUN_INTERRUPTED);
        assertThatThrownBy(() -> h.scheduler.trigger("prod", Trigger.REST, null))
                .isInstanceOf(ReconcileConflictException.class);
    }

    @Test
    void aRunThatIgnoresTheCancelIsStillRecordedInterruptedOnShutdown() throws Exception {
        start(RemediationMode.AUTO, Harness.manual());
        h.scheduler.cancelWait = Duration.ofMillis(300);
        engine.block().ignoreCancel();
        String runId = h.scheduler.trigger("prod", Trigger.REST, null).runId();
        assertThat(engine.awaitEntered(WAIT)).isTrue();

        h.scheduler.stop();

        RunRecord run = h.queries.run(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(run.error()).contains("shut down");
        engine.release();
        // the late worker's own outcome does not overwrite the interruption
        Thread.sleep(300);
        assertThat(h.queries.run(runId).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void aRunLeftRunningByADeadProcessIsRecordedInterruptedAndAlertedAtStart() {
        h = new Harness(dir, engine, RemediationMode.AUTO, Harness.guardrails(), Harness.manual());
        h.reconciler.start(new RunContext("dead-run", h.stack(), Trigger.SCHEDULE, RemediationMode.AUTO, null));
        h.restart(); // the process "died": nothing recorded the end of dead-run

        h.scheduler.start();

        RunRecord run = h.queries.run("dead-run").orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(run.failureKind()).isEqualTo("INTERRUPTED");
        assertThat(run.endedAt()).isNotNull();
        assertThat(h.alerts.events).singleElement().satisfies(e -> {
            assertThat(e.runId()).isEqualTo("dead-run");
            assertThat(e.events()).extracting(ev -> ev.kind()).containsExactly(AlertKind.RUN_INTERRUPTED);
        });
    }
}
