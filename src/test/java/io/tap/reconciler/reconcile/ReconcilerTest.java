package io.tap.reconciler.reconcile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tap.reconciler.alerting.AlertKind;
import io.tap.reconciler.compliance.ComplianceFinding;
import io.tap.reconciler.compliance.ComplianceReader;
import io.tap.reconciler.compliance.ComplianceReport;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.engine.EngineException;
import io.tap.reconciler.engine.EngineOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tap.reconciler.reconcile.FakeStackEngine.drift;
import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline against a fake engine and a real H2 file database. */
class ReconcilerTest {

    private static final String SG = "aws:ec2/securityGroup:SecurityGroup";

    @TempDir
    Path dir;
    private Harness h;
    private final FakeStackEngine engine = new FakeStackEngine();

    private Harness harness(RemediationMode mode) {
        h = new Harness(dir, engine, mode, Harness.guardrails(), Harness.manual());
        return h;
    }

    @AfterEach
    void close() {
        if (h != null) h.close();
    }

    @Test
    void aCleanStackIsRecordedCleanAndTimed() {
        var outcome = harness(RemediationMode.AUTO).reconciler.run(h.stack(), Trigger.SCHEDULE);

        assertThat(outcome).isInstanceOf(ReconcileOutcome.Clean.class);
        assertThat(outcome.timings()).containsOnlyKeys("detect", "decide", "record");
        RunRecord run = h.queries.run(outcome.runId()).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.CLEAN);
        assertThat(run.fingerprint()).isEqualTo("clean");
        assertThat(run.endedAt()).isNotNull();
        assertThat(h.alerts.inTransaction).containsExactly(true);
        assertThat(h.meters.get("tap.reconcile").tags("stack", "prod", "trigger", "SCHEDULE", "outcome", "CLEAN")
                .timer().count()).isEqualTo(1);
        assertThat(engine.calls(EngineOperation.UP)).isZero();
    }

    @Test
    void detectOnlyReportsAndAlertsButChangesNothing() {
        engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD));
        var outcome = harness(RemediationMode.DETECT_ONLY).reconciler.run(h.stack(), Trigger.REST);

        assertThat(outcome).isInstanceOfSatisfying(ReconcileOutcome.Drifted.class, d -> assertThat(d.alerted()).isTrue());
        assertThat(engine.calls(EngineOperation.UP)).isZero();
        assertThat(h.queries.latestDrift("prod").orElseThrow().resources()).extracting(ResourceDrift::urn)
                .containsExactly("urn:pulumi:prod::tap::" + SG + "::web");
        StackStatus status = h.queries.stack("prod").orElseThrow();
        assertThat(status.driftCounts()).containsEntry("UPDATE", 1L);
        assertThat(status.driftBySource()).containsEntry("CLOUD", 1L);
        assertThat(status.lastRun().decision()).isEqualTo("AlertOnly: mode DETECT_ONLY");
        assertThat(h.alerts.events.get(0).report().resources()).hasSize(1);
    }

    @Test
    void autoAppliesATargetedUpThenVerifiesAndCountsTheRemediation() {
        var web = drift("web", SG, Operation.UPDATE, DriftSource.CLOUD);
        var app = drift("app", SG, Operation.CREATE, DriftSource.CODE);
        engine.cloudDrift(web).codeDrift(app);
        var outcome = harness(RemediationMode.AUTO).reconciler.run(h.stack(), Trigger.SCHEDULE);

        assertThat(outcome).isInstanceOf(ReconcileOutcome.Remediated.class);
        assertThat(engine.upTargets).containsExactly(Set.of(web.urn(), app.urn()));
        assertThat(outcome.actions()).extracting(RunAction::operation)
                .containsExactly(EngineOperation.UP, EngineOperation.PREVIEW);
        RunRecord run = h.queries.run(outcome.runId()).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.REMEDIATED);
        assertThat(run.appliedTargets()).containsExactly(app.urn(), web.urn());
        assertThat(run.report().resources()).hasSize(2);
        assertThat(h.queries.latestDrift("prod").orElseThrow().isClean()).isTrue();
        assertThat(h.alerts.kinds()).containsExactly(AlertKind.REMEDIATED);
        assertThat(h.meters.get("tap.remediations").tags("stack", "prod", "result", "applied").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aNonEmptyVerifyIsAFailedRemediationNotASuccess() {
        var web = drift("web", SG, Operation.UPDATE, DriftSource.CLOUD);
        engine.cloudDrift(web).sticky(web.urn());
        var outcome = harness(RemediationMode.AUTO).reconciler.run(h.stack(), Trigger.SCHEDULE);

        assertThat(outcome).isInstanceOfSatisfying(ReconcileOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.VERIFY_FAILED);
            assertThat(f.error()).contains(web.urn());
        });
        assertThat(outcome.retryableFailure()).isEmpty();
        assertThat(h.queries.run(outcome.runId()).orElseThrow().failureKind()).isEqualTo("VERIFY_FAILED");
        assertThat(h.alerts.kinds()).containsExactly(AlertKind.REMEDIATION_FAILED);
        assertThat(h.meters.get("tap.remediations").tags("result", "verify_failed").counter().count()).isEqualTo(1);
        assertThat(h.queries.latestDrift("prod").orElseThrow().resources()).extracting(ResourceDrift::urn)
                .containsExactly(web.urn());
    }

    @Test
    void aGuardedPlanWaitsForApprovalAndIsOfferedForApproval() {
        engine.codeDrift(drift("db", SG, Operation.REPLACE, DriftSource.CODE));
        var outcome = harness(RemediationMode.AUTO).reconciler.run(h.stack(), Trigger.SCHEDULE);

        assertThat(outcome).isInstanceOf(ReconcileOutcome.AwaitingApproval.class);
        assertThat(engine.calls(EngineOperation.UP)).isZero();
        assertThat(h.queries.stack("prod").orElseThrow().pendingApprovalRunId()).isEqualTo(outcome.runId());
        assertThat(h.alerts.kinds()).containsExactly(AlertKind.APPROVAL_REQUIRED);
        assertThat(h.alerts.events.get(0).events().get(0).summary()).contains("never-auto operation REPLACE");
        h.clock.advance(h.remediation.approvalTtl());
        assertThat(h.queries.stack("prod").orElseThrow().pendingApprovalRunId()).isNull();
    }

    @Test
    void aResourceDriftingAgainWithinTheWindowIsEscalatedAsFlappingNotRemediatedAgain() {
        var web = drift("web", SG, Operation.UPDATE, DriftSource.CLOUD);
        engine.cloudDrift(web);
        harness(RemediationMode.AUTO);
        assertThat(h.reconciler.run(h.stack(), Trigger.SCHEDULE)).isInstanceOf(ReconcileOutcome.Remediated.class);
        assertThat(h.reconciler.run(h.stack(), Trigger.SCHEDULE)).isInstanceOf(ReconcileOutcome.Clean.class);
        engine.cloudDrift(web); // someone changes it again

        var again = h.reconciler.run(h.stack(), Trigger.SCHEDULE);

        assertThat(again).isInstanceOf(ReconcileOutcome.AwaitingApproval.class);
        assertThat(again.decision().flapping()).containsExactly(web.urn());
        assertThat(engine.calls(EngineOperation.UP)).isEqualTo(1);
        assertThat(h.alerts.kinds()).contains(AlertKind.FLAPPING);
        assertThat(h.queries.stack("prod").orElseThrow().flappingUrns()).containsExactly(web.urn());
    }

    @Test
    void driftOutsideTheFlappingWindowIsRemediatedAgain() {
        var web = drift("web", SG, Operation.UPDATE, DriftSource.CLOUD);
        engine.cloudDrift(web);
        harness(RemediationMode.AUTO);
        h.reconciler.run(h.stack(), Trigger.SCHEDULE);
        for (int i = 0; i < h.remediation.flappingWindowRuns(); i++) h.reconciler.run(h.stack(), Trigger.SCHEDULE);
        engine.cloudDrift(web);

        assertThat(h.reconciler.run(h.stack(), Trigger.SCHEDULE)).isInstanceOf(ReconcileOutcome.Remediated.class);
    }

    @Test
    void aBusyBackendIsATransientFailureAndSecretsNeverReachTheHistory() {
        engine.failNext(EngineOperation.REFRESH_PREVIEW, new EngineException(EngineException.Kind.BUSY,
                "the stack is locked; PULUMI_CONFIG_PASSPHRASE=correct-horse-battery", "token=abc123", null));
        var outcome = harness(RemediationMode.AUTO).reconciler.run(h.stack(), Trigger.SCHEDULE);

        assertThat(outcome).isInstanceOfSatisfying(ReconcileOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.BUSY);
            assertThat(f.report()).isNull();
        });
        assertThat(outcome.retryableFailure()).contains(FailureKind.BUSY);
        RunRecord run = h.queries.run(outcome.runId()).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo("BUSY");
        assertThat(run.error()).contains("locked").doesNotContain("correct-horse-battery").doesNotContain("abc123");
        assertThat(h.alerts.events.get(0).events().get(0).summary()).doesNotContain("correct-horse-battery");
        assertThat(h.alerts.kinds()).containsExactly(AlertKind.RUN_FAILED);
    }

    @Test
    void aProgramErrorIsPermanent() {
        engine.failNext(EngineOperation.PREVIEW, new EngineException(EngineException.Kind.PROGRAM_ERROR, "bad config", "", null));
        var outcome = harness(RemediationMode.AUTO).reconciler.run(h.stack(), Trigger.SCHEDULE);
        assertThat(outcome).isInstanceOfSatisfying(ReconcileOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.PROGRAM_ERROR));
        assertThat(outcome.retryableFailure()).isEmpty();
    }

    @Test
    void aFailingUpIsAFailedRemediationWithTheDetectedReport() {
        engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD))
                .failNext(EngineOperation.UP, new EngineException(EngineException.Kind.ENGINE_FAILURE,
                        "ThrottlingException: Rate exceeded", "", null));
        var outcome = harness(RemediationMode.AUTO).reconciler.run(h.stack(), Trigger.SCHEDULE);
        assertThat(outcome).isInstanceOfSatisfying(ReconcileOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.THROTTLED);
            assertThat(f.report().resources()).hasSize(1);
        });
        assertThat(h.alerts.kinds()).containsExactly(AlertKind.REMEDIATION_FAILED);
        assertThat(h.meters.get("tap.remediations").tags("result", "failed").counter().count()).isEqualTo(1);
    }

    @Test
    void whenTheAlertsCannotBeQueuedTheRunIsStillEndedAsAFailure() {
        engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD));
        harness(RemediationMode.DETECT_ONLY).alerts.failWith = new IllegalStateException("outbox full");
        var outcome = h.reconciler.run(h.stack(), Trigger.SCHEDULE);

        assertThat(outcome).isInstanceOfSatisfying(ReconcileOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.INTERNAL));
        RunRecord run = h.queries.run(outcome.runId()).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("outbox full");
    }

    @Test
    void complianceFindingsGoThroughThePolicyAndUnmanagedOnesAreNeverTouched() {
        String bucket = "urn:pulumi:prod::tap::aws:s3/bucketV2:BucketV2::logs";
        ComplianceReader reader = (stack, regions, managed) -> new ComplianceReport(Map.of("us-east-1", 2), List.of(
                new ComplianceFinding("us-east-1", "s3-versioning", "AWS::S3::Bucket", "logs", "off", Instant.EPOCH,
                        bucket, "aws:s3/bucketV2:BucketV2"),
                new ComplianceFinding("us-east-1", "s3-versioning", "AWS::S3::Bucket", "other", null, Instant.EPOCH,
                        null, null)),
                List.of(new ComplianceReport.RegionError("us-west-2", "AccessDeniedException", "not allowed", false)));
        h = new Harness(dir, engine, RemediationMode.AUTO, Harness.guardrails(), Harness.manual());
        h.compliance = reader;
        h.restart();

        var outcome = h.reconciler.run(h.stack(), Trigger.SCHEDULE);

        assertThat(outcome).isInstanceOf(ReconcileOutcome.Remediated.class);
        assertThat(engine.upTargets).containsExactly(Set.of(bucket));
        assertThat(outcome.report().countsBySource()).containsEntry(DriftSource.COMPLIANCE, 1L)
                .containsEntry(DriftSource.UNMANAGED, 1L);
        StackStatus status = h.queries.stack("prod").orElseThrow();
        assertThat(status.complianceErrors()).singleElement().asString().startsWith("us-west-2: AccessDeniedException");
        assertThat(h.queries.latestDrift("prod").orElseThrow().resources()).singleElement()
                .satisfies(d -> assertThat(d.sources()).containsExactly(DriftSource.UNMANAGED));
        assertThat(h.alerts.kinds()).contains(AlertKind.REMEDIATED, AlertKind.RUN_FAILED);
    }

    @Test
    void theHistoryAndTheLatestDriftSurviveARestart() {
        engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD));
        harness(RemediationMode.DETECT_ONLY);
        var first = h.reconciler.run(h.stack(), Trigger.SCHEDULE);
        var second = h.reconciler.run(h.stack(), Trigger.REST);

        h.restart();

        assertThat(h.queries.runs("prod", 10)).extracting(RunRecord::id).containsExactly(second.runId(), first.runId());
        assertThat(h.queries.runs(null, 1)).extracting(RunRecord::id).containsExactly(second.runId());
        RunRecord run = h.queries.run(first.runId()).orElseThrow();
        assertThat(run.report()).isEqualTo(first.report());
        assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULE);
        assertThat(run.mode()).isEqualTo(RemediationMode.DETECT_ONLY);
        assertThat(run.driftCounts()).containsEntry("UPDATE", 1L);
        assertThat(h.queries.latestDrift("prod")).contains(second.report());
        assertThat(h.queries.stack("prod").orElseThrow().lastSuccessfulCheckAt()).isNotNull();
    }

    @Test
    void runsOlderThanTheRetentionArePurgedButTheLatestDriftIsKept() {
        engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD));
        harness(RemediationMode.DETECT_ONLY);
        var old = h.reconciler.run(h.stack(), Trigger.SCHEDULE);
        engine.failNext(EngineOperation.REFRESH_PREVIEW, new EngineException(EngineException.Kind.BUSY, "locked", "", null));
        var newest = h.reconciler.run(h.stack(), Trigger.SCHEDULE);
        h.queries.stacks(); // warm the cache: the purge must drop it

        assertThat(h.history.purge("prod", h.clock.instant().plusSeconds(1))).isZero()
                .as("the only run with a report is the latest drift");
        var detected = h.reconciler.run(h.stack(), Trigger.SCHEDULE);
        assertThat(h.history.purge("prod", h.clock.instant().plusSeconds(1))).isEqualTo(2);

        assertThat(h.queries.runs("prod", 10)).extracting(RunRecord::id).containsExactly(detected.runId());
        assertThat(h.queries.run(old.runId())).isEmpty();
        assertThat(h.queries.run(newest.runId())).isEmpty();
        assertThat(h.queries.latestDrift("prod")).isPresent();
        assertThat(h.queries.stack("prod").orElseThrow().lastRun().id()).isEqualTo(detected.runId());
    }

    @Test
    void secretsInFailuresNeverReachTheLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.tap.reconciler");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        try {
            engine.failNext(EngineOperation.REFRESH_PREVIEW, new EngineException(EngineException.Kind.ENGINE_FAILURE,
                    "decrypt failed with correct-horse-battery", "stderr: passphrase=correct-horse-battery", null));
            harness(RemediationMode.AUTO).reconciler.run(h.stack(), Trigger.SCHEDULE);
            engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD));
            h.alerts.failWith = new IllegalStateException("outbox rejected correct-horse-battery");
            h.reconciler.run(h.stack(), Trigger.SCHEDULE);

            assertThat(appender.list).hasSizeGreaterThan(4);
            assertThat(appender.list).allSatisfy(e -> {
                assertThat(e.getFormattedMessage()).doesNotContain("correct-horse-battery");
                assertThat(e.getThrowableProxy()).isNull();
            });
        } finally {
            logger.setLevel(previous);
            logger.detachAppender(appender);
        }
    }

    @Test
    void everyLogLineOfARunCarriesItsMarker() {
        Logger logger = (Logger) LoggerFactory.getLogger(Reconciler.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        // Other tests in this JVM (e.g. the render command) leave the root logger at WARN.
        Level previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        try {
            engine.cloudDrift(drift("web", SG, Operation.UPDATE, DriftSource.CLOUD));
            var outcome = harness(RemediationMode.AUTO).reconciler.run(h.stack(), Trigger.REST);
            assertThat(appender.list).hasSizeGreaterThanOrEqualTo(4).allSatisfy(e -> {
                assertThat(e.getMDCPropertyMap()).containsEntry("runId", outcome.runId())
                        .containsEntry("stack", "prod").containsEntry("trigger", "REST");
                assertThat(e.getMDCPropertyMap().get("run")).contains(outcome.runId());
            });
            assertThat(org.slf4j.MDC.get("runId")).isNull();
        } finally {
            logger.setLevel(previous);
            logger.detachAppender(appender);
        }
    }
}
