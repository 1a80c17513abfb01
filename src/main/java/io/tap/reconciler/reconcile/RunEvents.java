package io.tap.reconciler.reconcile;

import io.tap.reconciler.alerting.AlertKind;
import io.tap.reconciler.alerting.RunEvent;
import io.tap.reconciler.alerting.Severity;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.remediation.RemediationDecision;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns what happened in a run into the facts the alerting plans alerts from. */
final class RunEvents {

    private RunEvents() {
    }

    static RunEvent of(RunContext ctx, List<String> regions, ReconcileOutcome outcome, DriftReport alertReport,
                       List<String> complianceErrors) {
        String stack = ctx.stackName();
        List<RunEvent.Event> events = new ArrayList<>();
        RemediationDecision decision = outcome.decision();
        if (decision != null && !decision.flapping().isEmpty()) {
            events.add(new RunEvent.Event(AlertKind.FLAPPING, Severity.CRITICAL,
                    decision.flapping().size() + " resource(s) of stack " + stack
                            + " drifted again soon after being remediated; not remediated automatically",
                    "flapping:" + stack + ":" + String.join(",", decision.flapping()), List.copyOf(decision.flapping())));
        }
        if (outcome instanceof ReconcileOutcome.Remediated r) {
            events.add(new RunEvent.Event(AlertKind.REMEDIATED, Severity.INFO,
                    "Remediated " + targets(decision).size() + " resource(s) of stack " + stack + " (run " + r.runId() + ")",
                    "remediated:" + stack + ":" + r.runId(), List.copyOf(targets(decision))));
        } else if (outcome instanceof ReconcileOutcome.AwaitingApproval a
                && decision instanceof RemediationDecision.AwaitApproval held) {
            events.add(new RunEvent.Event(AlertKind.APPROVAL_REQUIRED, Severity.WARNING,
                    held.targets().size() + " change(s) to stack " + stack + " await approval of run " + a.runId()
                            + " (" + String.join("; ", held.reasons()) + ")",
                    "approval:" + stack + ":" + a.report().fingerprint(), List.copyOf(held.targets())));
        } else if (outcome instanceof ReconcileOutcome.Failed f) {
            events.add(failure(ctx, f, decision));
        }
        if (!complianceErrors.isEmpty()) {
            events.add(new RunEvent.Event(AlertKind.RUN_FAILED, Severity.WARNING,
                    "AWS Config compliance of stack " + stack + " could not be read: " + String.join("; ", complianceErrors),
                    "compliance-read:" + stack + ":" + String.join(",", complianceErrors.stream()
                            .map(e -> e.split(":", 2)[0]).sorted().toList()), List.of()));
        }
        return new RunEvent(stack, ctx.runId(), regions, alertReport, events);
    }

    /** The event of a run found RUNNING after its process died or shut down. */
    static RunEvent interrupted(String stack, String runId, List<String> regions, String reason) {
        return new RunEvent(stack, runId, regions, null, List.of(new RunEvent.Event(AlertKind.RUN_INTERRUPTED,
                Severity.WARNING, "Run " + runId + " of stack " + stack + " was interrupted: " + reason,
                "interrupted:" + stack + ":" + runId, List.of())));
    }

    private static RunEvent.Event failure(RunContext ctx, ReconcileOutcome.Failed f, RemediationDecision decision) {
        String stack = ctx.stackName();
        return switch (f.kind()) {
            case INTERRUPTED -> new RunEvent.Event(AlertKind.RUN_INTERRUPTED, Severity.WARNING,
                    "Run " + f.runId() + " of stack " + stack + " was interrupted: " + f.error(),
                    "interrupted:" + stack + ":" + f.runId(), List.of());
            case VERIFY_FAILED -> new RunEvent.Event(AlertKind.REMEDIATION_FAILED, Severity.CRITICAL,
                    "Remediation of stack " + stack + " did not converge (run " + f.runId() + "): " + f.error(),
                    "remediation-failed:" + stack + ":" + fingerprint(f), List.copyOf(targets(decision)));
            case STALE_PLAN -> new RunEvent.Event(AlertKind.RUN_FAILED, Severity.WARNING,
                    "Approved plan of stack " + stack + " was not applied: " + f.error(),
                    "stale-plan:" + stack + ":" + f.runId(), List.copyOf(targets(decision)));
            default -> decision instanceof RemediationDecision.Apply
                    ? new RunEvent.Event(AlertKind.REMEDIATION_FAILED, Severity.CRITICAL,
                    "Remediation of stack " + stack + " failed (" + f.kind() + ", run " + f.runId() + "): " + f.error(),
                    "remediation-failed:" + stack + ":" + fingerprint(f), List.copyOf(targets(decision)))
                    : new RunEvent.Event(AlertKind.RUN_FAILED, f.kind().isTransient() ? Severity.WARNING : Severity.CRITICAL,
                    "Run " + f.runId() + " of stack " + stack + " failed (" + f.kind() + "): " + f.error(),
                    "run-failed:" + stack + ":" + f.kind(), List.of());
        };
    }

    private static String fingerprint(ReconcileOutcome o) {
        return o.report() == null ? "unknown" : o.report().fingerprint();
    }

    static Set<String> targets(RemediationDecision decision) {
        if (decision instanceof RemediationDecision.Apply a) return a.targets();
        if (decision instanceof RemediationDecision.AwaitApproval a) return a.targets();
        return Set.of();
    }
}
