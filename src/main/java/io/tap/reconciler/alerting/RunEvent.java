package io.tap.reconciler.alerting;

import io.tap.reconciler.drift.DriftReport;

import java.util.List;

/**
 * What one finished (or interrupted) run tells the alerting: the reconciler describes facts, the
 * alerting decides which alerts they make (transitions only, de-duplicated, re-notified).
 *
 * @param stack          stack name
 * @param runId          run id
 * @param regions        regions of the stack
 * @param report         the run's drift report, or {@code null} when detection did not complete
 * @param events         non-drift events of the run (REMEDIATED, REMEDIATION_FAILED, APPROVAL_REQUIRED,
 *                       FLAPPING, RUN_FAILED, RUN_INTERRUPTED, VALIDATION_FAILED…); drift kinds
 *                       (DETECTED/CHANGED/RESOLVED) and COMPLIANCE_VIOLATION are derived from {@code report}
 */
public record RunEvent(String stack, String runId, List<String> regions, DriftReport report, List<Event> events) {

    public RunEvent {
        regions = List.copyOf(regions);
        events = List.copyOf(events);
    }

    /**
     * One thing that happened in the run.
     *
     * @param kind     alert kind
     * @param severity severity
     * @param summary  one sentence, no secrets
     * @param dedupKey the same key for the same condition, so a repeated condition alerts once
     * @param urns     resources involved, may be empty
     */
    public record Event(AlertKind kind, Severity severity, String summary, String dedupKey, List<String> urns) {
        public Event {
            urns = List.copyOf(urns);
        }
    }
}
