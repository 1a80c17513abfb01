package io.tap.reconciler.api;

import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.reconcile.ReconcileConflictException;
import io.tap.reconciler.reconcile.ReconcileOperations;
import io.tap.reconciler.reconcile.ReconcileQueries;
import io.tap.reconciler.reconcile.RunRecord;
import io.tap.reconciler.reconcile.RunStatus;
import io.tap.reconciler.reconcile.RunTicket;
import io.tap.reconciler.reconcile.StackStatus;
import io.tap.reconciler.reconcile.Trigger;
import io.tap.reconciler.reconcile.UnknownRunException;
import io.tap.reconciler.reconcile.UnknownStackException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory reconciler behind the read/write contracts, for API and observability tests that
 * must not start engines. It keeps the contracts' rules (single flight joins, downgrade only,
 * approval only while awaiting and fresh) so the tests see the same answers as from the real one.
 */
public class FakeReconciler implements ReconcileQueries, ReconcileOperations {

    public static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    public static final String AWAITING_RUN = "run-awaiting";
    public static final String STALE_RUN = "run-stale";
    public static final String DRIFTED_RUN = "run-drifted";
    public static final String UPDATE_URN = "urn:pulumi:prod::tap::aws:ec2/securityGroup:SecurityGroup::PROD-sg-web-us-east-1";
    public static final String COMPLIANCE_URN = "urn:pulumi:prod::tap::aws:s3/bucketV2:BucketV2::prod-s3-logs-us-east-1";
    public static final String UNMANAGED_ARN = "arn:aws:s3:::someone-elses-bucket";

    private final Map<String, StackStatus> stacks = new LinkedHashMap<>();
    private final Map<String, DriftReport> reports = new LinkedHashMap<>();
    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
    private final Map<String, String> inFlight = new LinkedHashMap<>();
    private final Set<String> stale = new HashSet<>();
    private final List<String> approvals = new ArrayList<>();
    private final List<String> triggers = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeReconciler() {
        reset();
    }

    /** Stack {@code prod} (APPROVAL, drifted, one run awaiting approval, one stale) and {@code staging} (never checked). */
    public final synchronized void reset() {
        stacks.clear();
        reports.clear();
        runs.clear();
        inFlight.clear();
        stale.clear();
        approvals.clear();
        triggers.clear();
        ids.set(0);
        DriftReport report = sampleReport("prod", T0.plusSeconds(30));
        reports.put("prod", report);
        put(run(DRIFTED_RUN, "prod", RunStatus.DRIFTED, T0.minusSeconds(600), report));
        put(run(STALE_RUN, "prod", RunStatus.AWAITING_APPROVAL, T0.minusSeconds(300), report));
        stale.add(STALE_RUN);
        RunRecord awaiting = run(AWAITING_RUN, "prod", RunStatus.AWAITING_APPROVAL, T0, report);
        put(awaiting);
        stacks.put("prod", new StackStatus("prod", RemediationMode.APPROVAL, Duration.ofMinutes(5), false, awaiting,
                T0.plusSeconds(30), T0.plusSeconds(330), Map.of("UPDATE", 1L, "NONE", 1L, "REPLACE", 1L),
                Map.of("CLOUD", 1L, "COMPLIANCE", 1L, "UNMANAGED", 1L), AWAITING_RUN,
                List.of(UPDATE_URN), List.of("ap-south-1")));
        stacks.put("staging", new StackStatus("staging", RemediationMode.DETECT_ONLY, Duration.ofMinutes(1), false,
                null, null, null, Map.of(), Map.of(), null, List.of(), List.of()));
    }

    public static DriftReport sampleReport(String stack, Instant at) {
        return DriftReport.merge(stack, at, List.of(
                ResourceDrift.of(UPDATE_URN, "aws:ec2/securityGroup:SecurityGroup", Operation.UPDATE, DriftSource.CLOUD,
                        List.of(new PropertyChange("ingress[0].cidrBlocks[0]", ChangeKind.UPDATE, true, "10.0.0.0/8", "0.0.0.0/0"),
                                new PropertyChange("tags.Owner", ChangeKind.DELETE, true, "platform-team", null))),
                new ResourceDrift(COMPLIANCE_URN, "aws:s3/bucketV2:BucketV2", Operation.REPLACE,
                        Set.of(DriftSource.COMPLIANCE, DriftSource.CODE), List.of(),
                        List.of("s3-bucket-server-side-encryption-enabled: NON_COMPLIANT (no default encryption)")),
                new ResourceDrift(UNMANAGED_ARN, "AWS::S3::Bucket", Operation.NONE, Set.of(DriftSource.UNMANAGED),
                        List.of(), List.of("s3-bucket-public-read-prohibited: NON_COMPLIANT"))));
    }

    private static RunRecord run(String id, String stack, RunStatus status, Instant start, DriftReport report) {
        return new RunRecord(id, stack, Trigger.SCHEDULE, RemediationMode.APPROVAL, start, start.plusSeconds(30),
                status, null, report.fingerprint(), Map.of("UPDATE", 1L), status == RunStatus.AWAITING_APPROVAL
                ? "AwaitApproval: REPLACE" : "AlertOnly", List.of(), null, report);
    }

    private void put(RunRecord r) {
        runs.put(r.id(), r);
    }

    /** Replaces a stack's status, e.g. to make it stale. */
    public synchronized void setStack(StackStatus status) {
        stacks.put(status.name(), status);
    }

    public synchronized void setReport(String stack, DriftReport report) {
        reports.put(stack, report);
    }

    /** Who approved what, in order: {@code runId by approver}. */
    public synchronized List<String> approvals() {
        return List.copyOf(approvals);
    }

    /** Triggers received: {@code stack trigger mode}. */
    public synchronized List<String> triggers() {
        return List.copyOf(triggers);
    }

    @Override
    public synchronized List<StackStatus> stacks() {
        return List.copyOf(stacks.values());
    }

    @Override
    public synchronized Optional<StackStatus> stack(String name) {
        return Optional.ofNullable(stacks.get(name));
    }

    @Override
    public synchronized Optional<DriftReport> latestDrift(String stack) {
        return Optional.ofNullable(reports.get(stack));
    }

    @Override
    public synchronized List<RunRecord> runs(String stack, int limit) {
        return runs.values().stream().filter(r -> stack == null || r.stack().equals(stack))
                .sorted(Comparator.comparing(RunRecord::startedAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized Optional<RunRecord> run(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public synchronized RunTicket trigger(String stack, Trigger trigger, RemediationMode requestedMode) {
        StackStatus s = stacks.get(stack);
        if (s == null) throw new UnknownStackException("No stack named '" + stack + "'");
        if (requestedMode != null && !s.mode().permits(requestedMode)) {
            throw new ReconcileConflictException("Mode " + requestedMode + " is more permissive than the stack's mode " + s.mode());
        }
        triggers.add(stack + " " + trigger + " " + requestedMode);
        String running = inFlight.get(stack);
        if (running != null) return new RunTicket(running, stack, true);
        String id = "run-" + ids.incrementAndGet();
        inFlight.put(stack, id);
        put(new RunRecord(id, stack, trigger, requestedMode == null ? s.mode() : requestedMode, T0.plusSeconds(900),
                null, RunStatus.RUNNING, null, null, Map.of(), null, List.of(), null, null));
        return new RunTicket(id, stack, false);
    }

    @Override
    public synchronized RunTicket approve(String runId, String approver) {
        RunRecord r = runs.get(runId);
        if (r == null) throw new UnknownRunException("No run with id '" + runId + "'");
        if (r.status() != RunStatus.AWAITING_APPROVAL) {
            throw new ReconcileConflictException("Run " + runId + " is " + r.status() + ", not awaiting approval");
        }
        if (stale.contains(runId)) throw new ReconcileConflictException("The plan of run " + runId + " is stale");
        approvals.add(runId + " by " + approver);
        return trigger(r.stack(), Trigger.REST, null);
    }
}
