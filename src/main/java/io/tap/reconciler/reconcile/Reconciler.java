package io.tap.reconciler.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tap.reconciler.alerting.Alert;
import io.tap.reconciler.alerting.AlertService;
import io.tap.reconciler.alerting.RunEvent;
import io.tap.reconciler.validation.ValidationService;
import io.tap.reconciler.compliance.ComplianceReader;
import io.tap.reconciler.compliance.ComplianceReport;
import io.tap.reconciler.compliance.ConfigRemediation;
import io.tap.reconciler.compliance.ConfigRemediator;
import io.tap.reconciler.config.RemediationProperties;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.engine.EngineException;
import io.tap.reconciler.engine.EngineOperation;
import io.tap.reconciler.engine.EngineResult;
import io.tap.reconciler.engine.StackEngine;
import io.tap.reconciler.remediation.RecentRemediations;
import io.tap.reconciler.remediation.RemediationDecision;
import io.tap.reconciler.remediation.RemediationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One reconcile of one stack, as named steps (DESIGN.md §1): {@link #detect}, {@link #decide},
 * {@link #act}, then {@link #record} which stores the run and queues its alerts in one transaction.
 * A step's failure is classified ({@link FailureKind}) and ends the run as {@link ReconcileOutcome.Failed}.
 * Not thread-safe per stack: the scheduler guarantees one run per stack at a time.
 */
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final StackEngine engine;
    private final ObjectProvider<ComplianceReader> compliance;
    private final ObjectProvider<ConfigRemediator> configRemediator;
    private final RemediationPolicy policy;
    private final RemediationProperties remediation;
    private final RunHistory history;
    private final AlertService alerts;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final StackRegions regions;
    private final SecretMasker masker;
    private final Clock clock;
    private final ObjectProvider<ValidationService> validation;

    /**
     * {@code configRemediator} (AWS Config's own remediation) and {@code validation} (continuous validation
     * after each detection) may be {@code null} or empty: none.
     */
    Reconciler(StackEngine engine, ObjectProvider<ComplianceReader> compliance,
               ObjectProvider<ConfigRemediator> configRemediator, RemediationPolicy policy,
               RemediationProperties remediation, RunHistory history, AlertService alerts, TransactionTemplate tx,
               MeterRegistry meters, StackRegions regions, SecretMasker masker, Clock clock,
               ObjectProvider<ValidationService> validation) {
        this.validation = validation;
        this.engine = engine;
        this.compliance = compliance;
        this.configRemediator = configRemediator;
        this.policy = policy;
        this.remediation = remediation;
        this.history = history;
        this.alerts = alerts;
        this.tx = tx;
        this.meters = meters;
        this.regions = regions;
        this.masker = masker;
        this.clock = clock;
    }

    /** Runs the stack once in its configured mode, from start to recorded outcome. */
    public ReconcileOutcome run(StackProperties stack, Trigger trigger) {
        RunContext ctx = new RunContext(newRunId(), stack, trigger, stack.remediation(), null);
        start(ctx);
        return run(ctx);
    }

    static String newRunId() {
        return UUID.randomUUID().toString();
    }

    /** Records the run as RUNNING; the scheduler does this when it hands out the run id. */
    void start(RunContext ctx) {
        history.start(ctx.runId(), ctx.stackName(), ctx.trigger(), ctx.mode(), clock.instant(),
                ctx.approval() == null ? null : ctx.approval().awaitingRunId());
    }

    /** Runs the pipeline for a run already {@linkplain #start started}. Never throws for a failed step. */
    ReconcileOutcome run(RunContext ctx) {
        try (RunMarker ignored = RunMarker.open(ctx.runId(), ctx.stackName(), ctx.trigger())) {
            long t0 = System.nanoTime();
            log.info("Reconcile started (mode {}{})", ctx.mode(),
                    ctx.approval() == null ? "" : ", applying plan approved by " + ctx.approval().approver()
                            + " for run " + ctx.approval().awaitingRunId());
            Progress p = new Progress();
            ReconcileOutcome outcome;
            try {
                Detection detection = timed(p, "detect", () -> detect(ctx));
                p.report = detection.report();
                p.complianceErrors = detection.complianceErrors();
                p.decision = timed(p, "decide", () -> decide(ctx, detection.report()));
                ConfigRemediator remediator = configRemediator == null ? null : configRemediator.getIfAvailable();
                if (remediator != null && detection.compliance() != null && ctx.approval() == null
                        && remediator.allowed(ctx.mode())) {
                    timed(p, "config-remediation", () -> configRemediation(remediator, ctx, detection.compliance(), p.decision));
                }
                outcome = p.decision instanceof RemediationDecision.Apply apply
                        ? timed(p, "act", () -> act(ctx, apply, p))
                        : settle(ctx, p);
            } catch (EngineException e) {
                FailureKind kind = Thread.currentThread().isInterrupted() ? FailureKind.INTERRUPTED : FailureKind.of(e);
                outcome = failed(ctx, p, kind, e.getMessage() + tail(e));
            } catch (StalePlanException e) {
                outcome = failed(ctx, p, FailureKind.STALE_PLAN, e.getMessage());
            } catch (RuntimeException e) {
                FailureKind kind = Thread.currentThread().isInterrupted() ? FailureKind.INTERRUPTED : FailureKind.INTERNAL;
                // the message may quote anything: log it masked; the stack trace only at debug level
                log.error("Reconcile failed unexpectedly: {}", masker.mask(String.valueOf(e)));
                log.debug("Stack trace of the unexpected failure", e);
                outcome = failed(ctx, p, kind, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (!(outcome instanceof ReconcileOutcome.Failed) && !Thread.currentThread().isInterrupted()) {
                outcome = validate(ctx, p, outcome);
            }
            // a cancelled run is still recorded; JDBC and file I/O must not see the interrupt
            boolean interrupted = Thread.interrupted();
            try {
                return record(ctx, p, outcome, t0);
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }

    /** Step 1: cloud drift, code drift and compliance, merged into one report. */
    Detection detect(RunContext ctx) {
        String stack = ctx.stackName();
        EngineResult cloud = engine.refreshPreview(stack);
        EngineResult code = engine.preview(stack);
        List<ResourceDrift> findings = List.of();
        List<String> errors = List.of();
        ComplianceReport complianceReport = null;
        ComplianceReader reader = compliance.getIfAvailable();
        List<String> stackRegions = regions.of(stack);
        if (reader != null && !stackRegions.isEmpty()) {
            try {
                ComplianceReport report = reader.read(stack, stackRegions, engine.resources(stack));
                complianceReport = report;
                findings = report.toDrift();
                errors = report.errors().stream()
                        .map(e -> e.region() + ": " + e.errorCode() + " " + masker.mask(e.message())).toList();
            } catch (EngineException e) {
                throw e;
            } catch (RuntimeException e) {
                // one failing read must not hide the engine's drift: reported like a failed region
                errors = List.of("all regions: " + e.getClass().getSimpleName() + " " + masker.mask(e.getMessage()));
            }
        }
        DriftReport report = DriftReport.merge(stack, clock.instant(), cloud.resources(), code.resources(), findings);
        log.info("Detected {} drifted resource(s), fingerprint {}", report.resources().size(), report.fingerprint());
        return new Detection(report, errors, complianceReport);
    }

    /**
     * Step 3b: AWS Config's own remediation ({@code StartRemediationExecution}) of NON_COMPLIANT managed
     * resources, for AUTO stacks when {@code tap.compliance.config-remediation} allows it (not when applying an
     * approved plan). IaC first: a URN the decision applies or holds for approval is left to the IaC, except a
     * flapping one: the IaC already converged it and Config still finds it NON_COMPLIANT, so Config's own
     * remediation is the remaining tool. Never fails the run; the outcome is kept by the remediator
     * ({@code ComplianceState#remediations}).
     */
    List<ConfigRemediation> configRemediation(ConfigRemediator remediator, RunContext ctx, ComplianceReport report,
                                              RemediationDecision decision) {
        Set<String> leftToIaC = new HashSet<>(RunEvents.targets(decision));
        leftToIaC.removeAll(decision.flapping());
        ComplianceReport rest = new ComplianceReport(report.nonCompliantRules(), report.findings().stream()
                .filter(f -> f.managed() && !leftToIaC.contains(f.urn())).toList(), report.errors());
        try {
            List<ConfigRemediation> done = remediator.remediate(ctx.stackName(), ctx.mode(), rest);
            Map<ConfigRemediation.Outcome, Long> byOutcome = new java.util.EnumMap<>(ConfigRemediation.Outcome.class);
            done.forEach(r -> byOutcome.merge(r.outcome(), 1L, Long::sum));
            log.info("AWS Config remediation: {}", byOutcome);
            return done;
        } catch (RuntimeException e) {
            log.warn("AWS Config remediation failed: {}", masker.mask(e.getClass().getSimpleName() + ": " + e.getMessage()));
            return List.of();
        }
    }

    /** Step 3: the policy's decision, or the approved plan when it still matches the drift. */
    RemediationDecision decide(RunContext ctx, DriftReport report) {
        RunContext.ApprovedPlan plan = ctx.approval();
        if (plan != null) {
            if (!plan.fingerprint().equals(report.fingerprint())) {
                throw new StalePlanException("the drift changed since run " + plan.awaitingRunId()
                        + " was approved (fingerprint " + plan.fingerprint() + " → " + report.fingerprint() + ")");
            }
            return RemediationDecision.apply(plan.targets());
        }
        RemediationDecision decision = policy.decide(report, ctx.mode(), recent(ctx.stackName()));
        log.info("Decision: {}", decision.describe());
        return decision;
    }

    /** Step 4: targeted up, then a verifying preview that must be empty. */
    ReconcileOutcome act(RunContext ctx, RemediationDecision.Apply apply, Progress p) {
        String stack = ctx.stackName();
        log.info("Applying {} target(s)", apply.targets().size());
        EngineResult up = engine.up(stack, apply.targets());
        p.actions.add(action(up, apply.targets()));
        EngineResult verify = engine.preview(stack);
        p.actions.add(action(verify, Set.of()));
        Set<String> applied = apply.targets();
        List<ResourceDrift> left = new ArrayList<>(verify.resources());
        p.report.resources().stream().filter(d -> !applied.contains(d.urn())).forEach(left::add);
        p.currentReport = DriftReport.merge(stack, clock.instant(), left);
        if (!verify.resources().isEmpty()) {
            return failed(ctx, p, FailureKind.VERIFY_FAILED, "the verifying preview still shows "
                    + verify.resources().size() + " change(s): " + String.join(", ",
                    verify.resources().stream().map(ResourceDrift::urn).limit(10).toList()));
        }
        return ReconcileOutcome.remediated(ctx.runId(), p.report, p.decision, p.actions, p.timings);
    }

    /** Continuous validation: FAILs become alerts, and a FAIL after a remediation fails that remediation. */
    private ReconcileOutcome validate(RunContext ctx, Progress p, ReconcileOutcome outcome) {
        var report = RunValidation.validate(validation == null ? null : validation.getIfAvailable(), engine, ctx);
        if (report.isEmpty()) {
            return outcome;
        }
        p.validationEvents = RunValidation.events(ctx.stackName(), report.get());
        if (outcome instanceof ReconcileOutcome.Remediated && !report.get().failures().isEmpty()) {
            return failed(ctx, p, FailureKind.VERIFY_FAILED, "validation failed after the remediation: "
                    + report.get().failures().stream().map(r -> r.key()).toList());
        }
        return outcome;
    }

    private static RunEvent withValidation(RunEvent event, Progress p) {
        if (p.validationEvents.isEmpty()) {
            return event;
        }
        List<RunEvent.Event> events = new ArrayList<>(event.events());
        events.addAll(p.validationEvents);
        return new RunEvent(event.stack(), event.runId(), event.regions(), event.report(), events);
    }

    private ReconcileOutcome settle(RunContext ctx, Progress p) {
        if (p.decision instanceof RemediationDecision.Nothing) {
            return ReconcileOutcome.clean(ctx.runId(), p.report, p.decision, p.timings);
        }
        if (p.decision instanceof RemediationDecision.AwaitApproval) {
            return ReconcileOutcome.awaitingApproval(ctx.runId(), p.report, p.decision, p.timings);
        }
        return ReconcileOutcome.drifted(ctx.runId(), p.report, p.decision, p.timings, false);
    }

    private ReconcileOutcome failed(RunContext ctx, Progress p, FailureKind kind, String error) {
        String masked = masker.mask(error);
        if (kind == FailureKind.INTERRUPTED) {
            log.warn("Reconcile interrupted: {}", masked);
        } else {
            log.warn("Reconcile failed ({}{}): {}", kind, kind.isTransient() ? ", will retry" : "", masked);
        }
        return ReconcileOutcome.failed(ctx.runId(), kind, masked, p.report, p.decision, p.actions, p.timings);
    }

    /** Steps 5 and 6: the run and its alerts are stored together, then metrics. */
    ReconcileOutcome record(RunContext ctx, Progress p, ReconcileOutcome outcome, long t0) {
        long r0 = System.nanoTime();
        DriftReport current = p.currentReport != null ? p.currentReport : p.report;
        RunEvent event = withValidation(RunEvents.of(ctx, regions.of(ctx.stackName()), outcome,
                outcome instanceof ReconcileOutcome.Remediated ? current : p.report, p.complianceErrors), p);
        String error = outcome instanceof ReconcileOutcome.Failed f ? f.error() : null;
        RunHistory.FinishedRun finished = new RunHistory.FinishedRun(ctx.runId(), ctx.stackName(), clock.instant(), outcome.status(),
                outcome instanceof ReconcileOutcome.Failed f ? f.kind() : null, describe(ctx, p.decision),
                List.copyOf(RunEvents.targets(p.decision)), appliedTargets(p),
                p.decision == null ? List.of() : List.copyOf(p.decision.flapping()), p.complianceErrors, error,
                p.report, current);
        List<Alert> queued;
        try {
            queued = tx.execute(status -> history.finish(finished) ? alerts.record(event) : null);
        } catch (RuntimeException e) {
            // Nothing of the run was stored. Store the failure alone so the run does not stay RUNNING; alerts
            // are planned from state transitions, so the next run raises what this one could not queue.
            log.error("Run outcome {} could not be stored with its alerts; recording the run as FAILED: {}",
                    outcome.status(), masker.mask(String.valueOf(e)));
            log.debug("Stack trace of the failed recording", e);
            String why = masker.mask("outcome " + outcome.status() + " could not be stored with its alerts: " + e);
            history.finish(new RunHistory.FinishedRun(ctx.runId(), ctx.stackName(), clock.instant(), RunStatus.FAILED,
                    FailureKind.INTERNAL, finished.decision(), finished.plannedTargets(), finished.appliedTargets(),
                    finished.flapping(), finished.complianceErrors(), why, p.report, current));
            outcome = ReconcileOutcome.failed(ctx.runId(), FailureKind.INTERNAL, why, p.report, p.decision,
                    p.actions, p.timings);
            queued = List.of();
        }
        if (queued == null) {
            log.warn("Run was already ended (interrupted on shutdown); its outcome {} is not recorded", outcome.status());
            queued = List.of();
        }
        if (outcome instanceof ReconcileOutcome.Drifted d) {
            outcome = ReconcileOutcome.drifted(d.runId(), d.report(), d.decision(), d.timings(), !queued.isEmpty());
        }
        Map<String, Duration> timings = new LinkedHashMap<>(outcome.timings());
        timings.put("record", Duration.ofNanos(System.nanoTime() - r0));
        outcome = withTimings(outcome, timings);
        Duration total = Duration.ofNanos(System.nanoTime() - t0);
        Timer.builder("tap.reconcile").description("Reconcile runs, by outcome")
                .tags("stack", ctx.stackName(), "trigger", ctx.trigger().name(), "outcome", outcome.status().name())
                .register(meters).record(total);
        remediationResult(outcome).ifPresent(result -> meters.counter("tap.remediations",
                "stack", ctx.stackName(), "result", result).increment());
        log.info("Reconcile ended: {} in {} ms ({} alert(s) queued)", outcome.status(), total.toMillis(), queued.size());
        return outcome;
    }

    /** A RUNNING run that will never finish (its process died, or it outlived the shutdown grace). */
    boolean recordInterrupted(String runId, String stack, String reason) {
        RunHistory.FinishedRun finished = new RunHistory.FinishedRun(runId, stack, clock.instant(), RunStatus.INTERRUPTED,
                FailureKind.INTERRUPTED, null, List.of(), List.of(), List.of(), List.of(), reason, null, null);
        RunEvent event = RunEvents.interrupted(stack, runId, regions.of(stack), reason);
        Boolean done = tx.execute(status -> {
            if (!history.finish(finished)) return false;
            alerts.record(event);
            return true;
        });
        if (Boolean.TRUE.equals(done)) {
            meters.counter("tap.reconcile.interrupted", "stack", stack).increment();
        }
        return Boolean.TRUE.equals(done);
    }

    private RecentRemediations recent(String stack) {
        Set<String> remediated = new HashSet<>();
        Set<String> flapping = new HashSet<>();
        for (RunHistory.RemediationTrace run : history.recentEnded(stack, remediation.flappingWindowRuns())) {
            if (run.status() == RunStatus.REMEDIATED) remediated.addAll(run.appliedTargets());
            flapping.addAll(run.flapping());
        }
        return new RecentRemediations(remediated, flapping);
    }

    private static String describe(RunContext ctx, RemediationDecision decision) {
        if (decision == null) return null;
        String text = decision.describe();
        if (ctx.approval() != null) {
            text += " approved by " + ctx.approval().approver() + " (run " + ctx.approval().awaitingRunId() + ")";
        }
        return text;
    }

    private static List<String> appliedTargets(Progress p) {
        return p.actions.stream().filter(a -> a.operation() == EngineOperation.UP).findFirst()
                .map(RunAction::targets).orElse(List.of());
    }

    private static java.util.Optional<String> remediationResult(ReconcileOutcome outcome) {
        if (!(outcome.decision() instanceof RemediationDecision.Apply)) return java.util.Optional.empty();
        if (outcome instanceof ReconcileOutcome.Remediated) return java.util.Optional.of("applied");
        if (outcome instanceof ReconcileOutcome.Failed f) {
            return java.util.Optional.of(f.kind() == FailureKind.VERIFY_FAILED ? "verify_failed" : "failed");
        }
        return java.util.Optional.empty();
    }

    private static RunAction action(EngineResult result, Set<String> targets) {
        return new RunAction(result.operation(), targets.stream().sorted().toList(), result.duration(),
                result.changeSummary(), result.resources().stream().map(ResourceDrift::urn).toList());
    }

    private static String tail(EngineException e) {
        String tail = e.stderrTail();
        if (tail == null || tail.isBlank()) return "";
        String trimmed = tail.length() > 1500 ? tail.substring(tail.length() - 1500) : tail;
        return " | " + trimmed.strip();
    }

    private static ReconcileOutcome withTimings(ReconcileOutcome o, Map<String, Duration> t) {
        if (o instanceof ReconcileOutcome.Clean c) return ReconcileOutcome.clean(c.runId(), c.report(), c.decision(), t);
        if (o instanceof ReconcileOutcome.Drifted d) {
            return ReconcileOutcome.drifted(d.runId(), d.report(), d.decision(), t, d.alerted());
        }
        if (o instanceof ReconcileOutcome.Remediated r) {
            return ReconcileOutcome.remediated(r.runId(), r.report(), r.decision(), r.actions(), t);
        }
        if (o instanceof ReconcileOutcome.AwaitingApproval a) {
            return ReconcileOutcome.awaitingApproval(a.runId(), a.report(), a.decision(), t);
        }
        ReconcileOutcome.Failed f = (ReconcileOutcome.Failed) o;
        return ReconcileOutcome.failed(f.runId(), f.kind(), f.error(), f.report(), f.decision(), f.actions(), t);
    }

    private static <T> T timed(Progress p, String step, Supplier<T> body) {
        long s = System.nanoTime();
        try {
            return body.get();
        } finally {
            p.timings.put(step, Duration.ofNanos(System.nanoTime() - s));
        }
    }

    /** What a run has found so far; filled step by step. */
    static final class Progress {
        DriftReport report;
        DriftReport currentReport;
        RemediationDecision decision;
        List<String> complianceErrors = List.of();
        final List<RunAction> actions = new ArrayList<>();
        final Map<String, Duration> timings = new LinkedHashMap<>();
        List<RunEvent.Event> validationEvents = List.of();
    }

    /** The merged drift, the regions whose compliance could not be read, and the compliance read ({@code null}: none). */
    record Detection(DriftReport report, List<String> complianceErrors, ComplianceReport compliance) {
    }

    /** An approved plan no longer matches the drift. */
    static final class StalePlanException extends RuntimeException {
        StalePlanException(String message) {
            super(message);
        }
    }
}
