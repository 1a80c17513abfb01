package io.tap.reconciler.reconcile;

import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.drift.DriftReport;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run as stored in the history.
 *
 * @param id             run id
 * @param stack          stack name
 * @param trigger        what started it
 * @param mode           the effective remediation mode (a REST trigger may downgrade it)
 * @param startedAt      start
 * @param endedAt        end, {@code null} while running
 * @param status         outcome
 * @param failureKind    for FAILED/INTERRUPTED: the classified failure (e.g. BUSY, TIMEOUT); else {@code null}
 * @param fingerprint    drift fingerprint, {@code null} when detection did not complete
 * @param driftCounts    resources per operation
 * @param decision       the remediation decision in words, e.g. {@code Apply(3)} or {@code AwaitApproval: REPLACE}
 * @param appliedTargets URNs an up was targeted at
 * @param error          error summary with secrets masked, {@code null} when none
 * @param report         the merged drift report, {@code null} when detection did not complete
 */
public record RunRecord(String id, String stack, Trigger trigger, RemediationMode mode, Instant startedAt,
                        Instant endedAt, RunStatus status, String failureKind, String fingerprint,
                        Map<String, Long> driftCounts, String decision, List<String> appliedTargets, String error,
                        DriftReport report) {

    public RunRecord {
        driftCounts = driftCounts == null ? Map.of() : Map.copyOf(driftCounts);
        appliedTargets = appliedTargets == null ? List.of() : List.copyOf(appliedTargets);
    }
}
