package io.tap.reconciler.reconcile;

import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.remediation.RemediationDecision;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of {@link Reconciler} ended with: a closed set of immutable outcomes, each carrying
 * the drift report, the decision, the engine actions and the step timings.
 */
public sealed interface ReconcileOutcome {

    String runId();

    /** The detected drift; {@code null} when detection did not complete. */
    DriftReport report();

    /** The decision; {@code null} when the run failed before deciding. */
    RemediationDecision decision();

    /** Engine operations performed to act on the drift (up, verifying preview). */
    List<RunAction> actions();

    /** Wall time per step (detect, decide, act, record), in execution order. */
    Map<String, Duration> timings();

    /** The recorded status this outcome maps to. */
    RunStatus status();

    /** When the scheduler should try again sooner than the stack's interval; empty for the normal schedule. */
    default Optional<FailureKind> retryableFailure() {
        return Optional.empty();
    }

    static ReconcileOutcome clean(String runId, DriftReport report, RemediationDecision decision,
                                  Map<String, Duration> timings) {
        return new Clean(runId, report, decision, timings);
    }

    static ReconcileOutcome drifted(String runId, DriftReport report, RemediationDecision decision,
                                    Map<String, Duration> timings, boolean alerted) {
        return new Drifted(runId, report, decision, timings, alerted);
    }

    static ReconcileOutcome remediated(String runId, DriftReport report, RemediationDecision decision,
                                       List<RunAction> actions, Map<String, Duration> timings) {
        return new Remediated(runId, report, decision, actions, timings);
    }

    static ReconcileOutcome awaitingApproval(String runId, DriftReport report, RemediationDecision decision,
                                             Map<String, Duration> timings) {
        return new AwaitingApproval(runId, report, decision, timings);
    }

    static ReconcileOutcome failed(String runId, FailureKind kind, String error, DriftReport report,
                                   RemediationDecision decision, List<RunAction> actions,
                                   Map<String, Duration> timings) {
        return new Failed(runId, kind, error, report, decision, actions, timings);
    }

    /** Nothing drifted. */
    record Clean(String runId, DriftReport report, RemediationDecision decision, Map<String, Duration> timings)
            implements ReconcileOutcome {
        public Clean {
            timings = ordered(timings);
        }

        @Override
        public List<RunAction> actions() {
            return List.of();
        }

        @Override
        public RunStatus status() {
            return RunStatus.CLEAN;
        }
    }

    /** Drift was found and reported, nothing was applied; {@code alerted} when alerts were queued. */
    record Drifted(String runId, DriftReport report, RemediationDecision decision, Map<String, Duration> timings,
                   boolean alerted) implements ReconcileOutcome {
        public Drifted {
            timings = ordered(timings);
        }

        @Override
        public List<RunAction> actions() {
            return List.of();
        }

        @Override
        public RunStatus status() {
            return RunStatus.DRIFTED;
        }
    }

    /** The targeted up ran and the verifying preview was empty. */
    record Remediated(String runId, DriftReport report, RemediationDecision decision, List<RunAction> actions,
                      Map<String, Duration> timings) implements ReconcileOutcome {
        public Remediated {
            actions = List.copyOf(actions);
            timings = ordered(timings);
        }

        @Override
        public RunStatus status() {
            return RunStatus.REMEDIATED;
        }
    }

    /** The plan is held until an operator approves it. */
    record AwaitingApproval(String runId, DriftReport report, RemediationDecision decision,
                            Map<String, Duration> timings) implements ReconcileOutcome {
        public AwaitingApproval {
            timings = ordered(timings);
        }

        @Override
        public List<RunAction> actions() {
            return List.of();
        }

        @Override
        public RunStatus status() {
            return RunStatus.AWAITING_APPROVAL;
        }
    }

    /**
     * The run failed; {@code kind} says whether it is worth retrying. {@link FailureKind#INTERRUPTED} maps
     * to {@link RunStatus#INTERRUPTED}.
     */
    record Failed(String runId, FailureKind kind, String error, DriftReport report, RemediationDecision decision,
                  List<RunAction> actions, Map<String, Duration> timings) implements ReconcileOutcome {
        public Failed {
            actions = List.copyOf(actions);
            timings = ordered(timings);
        }

        @Override
        public RunStatus status() {
            return kind == FailureKind.INTERRUPTED ? RunStatus.INTERRUPTED : RunStatus.FAILED;
        }

        @Override
        public Optional<FailureKind> retryableFailure() {
            return kind.isTransient() ? Optional.of(kind) : Optional.empty();
        }
    }

    private static Map<String, Duration> ordered(Map<String, Duration> timings) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }
}
