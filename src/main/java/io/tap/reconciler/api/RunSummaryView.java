package io.tap.reconciler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.reconcile.RunRecord;
import io.tap.reconciler.reconcile.RunStatus;
import io.tap.reconciler.reconcile.Trigger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run in a list: everything but the drift report.
 *
 * @param id             run id
 * @param stack          stack name
 * @param trigger        what started it
 * @param mode           effective remediation mode
 * @param startedAt      start
 * @param endedAt        end; absent while running
 * @param status         outcome
 * @param failureKind    classified failure of a FAILED/INTERRUPTED run
 * @param fingerprint    drift fingerprint; absent when detection did not complete
 * @param driftCounts    resources per operation
 * @param decision       the remediation decision in words
 * @param appliedTargets URNs an up was targeted at
 * @param error          error summary, secrets masked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummaryView(String id, String stack, Trigger trigger, RemediationMode mode, Instant startedAt,
                             Instant endedAt, RunStatus status, String failureKind, String fingerprint,
                             Map<String, Long> driftCounts, String decision, List<String> appliedTargets,
                             String error) {

    static RunSummaryView of(RunRecord r) {
        return new RunSummaryView(r.id(), r.stack(), r.trigger(), r.mode(), r.startedAt(), r.endedAt(), r.status(),
                r.failureKind(), r.fingerprint(), r.driftCounts(), r.decision(), r.appliedTargets(), r.error());
    }
}
