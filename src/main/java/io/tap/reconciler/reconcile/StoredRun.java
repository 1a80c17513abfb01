package io.tap.reconciler.reconcile;

import io.tap.reconciler.drift.DriftReport;

import java.time.Instant;
import java.util.List;

/**
 * A run as stored, with the fields the reconciler needs beyond the public {@link RunRecord}.
 *
 * @param record           the public view
 * @param plannedTargets   URNs the decision targeted (for AWAITING_APPROVAL: what approval will apply)
 * @param flapping         URNs escalated as flapping in this run
 * @param complianceErrors regions whose compliance could not be read, with the reason
 * @param currentReport    drift known at the end of the run (after a remediation: what is left)
 * @param approvalOf       for a run applying an approved plan: the run that awaited approval
 * @param approvedBy       who approved this run's plan, {@code null} when not approved
 * @param approvedAt       when it was approved
 * @param approvalRunId    the run that applies this run's approved plan
 */
record StoredRun(RunRecord record, List<String> plannedTargets, List<String> flapping, List<String> complianceErrors,
                 DriftReport currentReport, String approvalOf, String approvedBy, Instant approvedAt,
                 String approvalRunId) {

    StoredRun {
        plannedTargets = plannedTargets == null ? List.of() : List.copyOf(plannedTargets);
        flapping = flapping == null ? List.of() : List.copyOf(flapping);
        complianceErrors = complianceErrors == null ? List.of() : List.copyOf(complianceErrors);
    }

    String id() {
        return record.id();
    }

    RunStatus status() {
        return record.status();
    }
}
