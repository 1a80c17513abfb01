package io.tap.reconciler.alerting;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tap.reconciler.alerting.Drifts.BUCKET;
import static io.tap.reconciler.alerting.Drifts.SG;
import static io.tap.reconciler.alerting.Drifts.cloud;
import static io.tap.reconciler.alerting.Drifts.event;
import static io.tap.reconciler.alerting.Drifts.managedNonCompliant;
import static io.tap.reconciler.alerting.Drifts.report;
import static io.tap.reconciler.alerting.Drifts.run;
import static io.tap.reconciler.alerting.Drifts.unmanaged;
import static org.assertj.core.api.Assertions.assertThat;

class AlertPlannerTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private final AlertPlanner planner = new AlertPlanner(Duration.ofHours(4));
    /** The stored state, carried from run to run as the service would. */
    private final Map<String, AlertState> state = new HashMap<>();

    private List<PlannedAlert> runAt(Instant at, RunEvent run) {
        AlertPlan plan = planner.plan(run, Map.copyOf(state), at);
        plan.states().forEach(s -> state.put(s.key(), s));
        return plan.alerts();
    }

    @Test
    void newDriftIsDetectedOnceAndTheSameFingerprintSendsNothing() {
        var drift = report("prod", cloud(SG, "ingress[0].cidrBlocks", "10.0.0.0/8", "0.0.0.0/0"));

        List<PlannedAlert> first = runAt(T0, run("prod", "r1", drift));
        List<PlannedAlert> second = runAt(T0.plusSeconds(300), run("prod", "r2", drift));

        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.DRIFT_DETECTED);
            assertThat(a.scope()).isEqualTo(AlertScope.DRIFT);
            assertThat(a.fingerprint()).isEqualTo(AlertPlanner.fingerprint(AlertScope.DRIFT, drift));
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.renotify()).isFalse();
        });
        assertThat(second).isEmpty();
    }

    @Test
    void aChangedFingerprintSendsDriftChangedWithThePreviousOne() {
        var before = report("prod", cloud(SG, "tags.Owner", "platform-team", "someone"));
        var after = report("prod", cloud(SG, "tags.Owner", "platform-team", "someone-else"));
        runAt(T0, run("prod", "r1", before));

        List<PlannedAlert> alerts = runAt(T0.plusSeconds(300), run("prod", "r2", after));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.DRIFT_CHANGED);
            assertThat(a.previousFingerprint()).isEqualTo(AlertPlanner.fingerprint(AlertScope.DRIFT, before));
            assertThat(a.fingerprint()).isEqualTo(AlertPlanner.fingerprint(AlertScope.DRIFT, after))
                    .isNotEqualTo(a.previousFingerprint());
            assertThat(a.openSince()).isEqualTo(T0);
        });
    }

    @Test
    void stillOpenDriftIsRenotifiedOnlyAfterTheInterval() {
        var drift = report("prod", cloud(SG, "tags.Owner", "a", "b"));
        runAt(T0, run("prod", "r1", drift));

        assertThat(runAt(T0.plus(Duration.ofHours(4)).minusSeconds(1), run("prod", "r2", drift))).isEmpty();
        List<PlannedAlert> renotified = runAt(T0.plus(Duration.ofHours(4)), run("prod", "r3", drift));
        List<PlannedAlert> afterRenotify = runAt(T0.plus(Duration.ofHours(5)), run("prod", "r4", drift));

        assertThat(renotified).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.DRIFT_DETECTED);
            assertThat(a.renotify()).isTrue();
            assertThat(a.openSince()).isEqualTo(T0);
        });
        assertThat(afterRenotify).as("the interval restarts from the re-notification").isEmpty();
    }

    @Test
    void aZeroIntervalNeverRenotifies() {
        AlertPlanner never = new AlertPlanner(Duration.ZERO);
        var drift = report("prod", cloud(SG, "tags.Owner", "a", "b"));
        AlertPlan first = never.plan(run("prod", "r1", drift), Map.of(), T0);
        Map<String, AlertState> stored = Map.of("drift", first.states().get(0));

        assertThat(never.plan(run("prod", "r2", drift), stored, T0.plus(Duration.ofDays(30))).alerts()).isEmpty();
    }

    @Test
    void clearedDriftIsResolvedOnceWithWhatWasOpen() {
        var drift = report("prod", cloud(SG, "tags.Owner", "a", "b"), cloud(BUCKET, "tags.Owner", "a", "b"));
        runAt(T0, run("prod", "r1", drift));

        List<PlannedAlert> resolved = runAt(T0.plusSeconds(60), run("prod", "r2", report("prod")));
        List<PlannedAlert> again = runAt(T0.plusSeconds(120), run("prod", "r3", report("prod")));

        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.DRIFT_RESOLVED);
            assertThat(a.severity()).isEqualTo(Severity.INFO);
            assertThat(a.previousFingerprint()).isEqualTo(AlertPlanner.fingerprint(AlertScope.DRIFT, drift));
            assertThat(a.previousResources()).isEqualTo(2);
        });
        assertThat(again).isEmpty();
        assertThat(runAt(T0.plusSeconds(180), run("prod", "r4", drift)))
                .extracting(PlannedAlert::kind).containsExactly(AlertKind.DRIFT_DETECTED);
    }

    @Test
    void aRunWithoutADriftReportLeavesOpenDriftAsItWas() {
        var drift = report("prod", cloud(SG, "tags.Owner", "a", "b"));
        runAt(T0, run("prod", "r1", drift));

        assertThat(runAt(T0.plusSeconds(60), run("prod", "r2", null))).isEmpty();
        assertThat(runAt(T0.plusSeconds(120), run("prod", "r3", drift))).isEmpty();
    }

    @Test
    void disruptiveDriftIsCritical() {
        var deleted = new io.tap.reconciler.drift.ResourceDrift(SG, "aws:ec2/securityGroup:SecurityGroup",
                io.tap.reconciler.drift.Operation.CREATE, java.util.Set.of(io.tap.reconciler.drift.DriftSource.CLOUD),
                List.of(), List.of());

        assertThat(runAt(T0, run("prod", "r1", report("prod", deleted))))
                .singleElement().extracting(PlannedAlert::severity).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void complianceFindingsAreAViolationOfTheirOwnSeparateFromCloudDrift() {
        var both = report("prod", cloud(SG, "tags.Owner", "a", "b"), managedNonCompliant(BUCKET, "s3-encryption"),
                unmanaged("arn:aws:s3:::someone-elses-bucket", "s3-public-read"));

        List<PlannedAlert> alerts = runAt(T0, run("prod", "r1", both));

        assertThat(alerts).extracting(PlannedAlert::kind)
                .containsExactly(AlertKind.DRIFT_DETECTED, AlertKind.COMPLIANCE_VIOLATION);
        PlannedAlert violation = alerts.get(1);
        assertThat(violation.scope()).isEqualTo(AlertScope.COMPLIANCE);
        assertThat(violation.severity()).as("a managed resource is non-compliant").isEqualTo(Severity.CRITICAL);
        assertThat(violation.resources()).extracting(r -> r.urn())
                .containsExactlyInAnyOrder(BUCKET, "arn:aws:s3:::someone-elses-bucket");
        assertThat(alerts.get(0).resources()).extracting(r -> r.urn()).containsExactly(SG);
    }

    @Test
    void unmanagedFindingsAloneAreAWarningAndTheirClearingResolvesTheComplianceScope() {
        var findings = report("prod", unmanaged("arn:aws:s3:::other", "s3-public-read"));
        assertThat(runAt(T0, run("prod", "r1", findings))).singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.WARNING));

        assertThat(runAt(T0.plusSeconds(60), run("prod", "r2", report("prod")))).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.DRIFT_RESOLVED);
            assertThat(a.scope()).isEqualTo(AlertScope.COMPLIANCE);
        });
    }

    @Test
    void aNewComplianceFindingChangesTheViolationButNotTheCloudDriftFingerprint() {
        var first = report("prod", cloud(SG, "tags.Owner", "a", "b"), managedNonCompliant(BUCKET, "s3-encryption"));
        var more = report("prod", cloud(SG, "tags.Owner", "a", "b"), managedNonCompliant(BUCKET, "s3-encryption"),
                managedNonCompliant(SG, "restricted-ssh"));
        runAt(T0, run("prod", "r1", first));

        List<PlannedAlert> alerts = runAt(T0.plusSeconds(60), run("prod", "r2", more));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.COMPLIANCE_VIOLATION);
            assertThat(a.previousFingerprint()).isNotNull();
        });
    }

    @Test
    void eventsAlertOncePerDedupKeyWhileTheyRecurAndAgainAfterTheyStopped() {
        var clean = report("prod");
        List<PlannedAlert> first = runAt(T0, run("prod", "r1", clean,
                event(AlertKind.RUN_FAILED, "engine:cli-missing"), event(AlertKind.RUN_FAILED, "engine:cli-missing"),
                event(AlertKind.APPROVAL_REQUIRED, "plan-abc")));
        List<PlannedAlert> repeated = runAt(T0.plusSeconds(60), run("prod", "r2", clean,
                event(AlertKind.RUN_FAILED, "engine:cli-missing")));
        List<PlannedAlert> otherKey = runAt(T0.plusSeconds(120), run("prod", "r3", clean,
                event(AlertKind.RUN_FAILED, "engine:cli-missing"), event(AlertKind.RUN_FAILED, "backend:locked")));
        runAt(T0.plusSeconds(180), run("prod", "r4", clean));
        List<PlannedAlert> recurred = runAt(T0.plusSeconds(240), run("prod", "r5", clean,
                event(AlertKind.RUN_FAILED, "engine:cli-missing")));

        assertThat(first).extracting(PlannedAlert::kind).containsExactly(AlertKind.RUN_FAILED, AlertKind.APPROVAL_REQUIRED);
        assertThat(first.get(0).event().summary()).isEqualTo("RUN_FAILED happened");
        assertThat(repeated).isEmpty();
        assertThat(otherKey).extracting(PlannedAlert::fingerprint).containsExactly("backend:locked");
        assertThat(recurred).extracting(PlannedAlert::fingerprint).containsExactly("engine:cli-missing");
    }

    @Test
    void aRecurringEventIsRenotifiedAfterTheInterval() {
        runAt(T0, run("prod", "r1", null, event(AlertKind.FLAPPING, SG)));

        assertThat(runAt(T0.plus(Duration.ofHours(4)), run("prod", "r2", null, event(AlertKind.FLAPPING, SG))))
                .singleElement().satisfies(a -> assertThat(a.renotify()).isTrue());
    }

    @Test
    void aVeryLongDedupKeyStillFitsItsColumnsAndStaysDistinct() {
        String a = "x".repeat(1000) + "a";
        String b = "x".repeat(1000) + "b";

        List<PlannedAlert> alerts = runAt(T0, run("prod", "r1", null, event(AlertKind.RUN_FAILED, a),
                event(AlertKind.RUN_FAILED, b)));

        assertThat(alerts).hasSize(2);
        assertThat(state.keySet()).hasSize(2).allSatisfy(k -> assertThat(k).hasSizeLessThanOrEqualTo(400));
        assertThat(alerts).allSatisfy(p -> assertThat(p.fingerprint()).hasSizeLessThanOrEqualTo(300));
    }
}
