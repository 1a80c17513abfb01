package io.tap.reconciler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.reconcile.StackStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stack as the API shows it; never its backend URL or credentials.
 *
 * @param name                  stack name
 * @param mode                  configured remediation mode
 * @param interval              scheduling interval, ISO-8601 (e.g. {@code PT5M})
 * @param running               true while a run is in flight
 * @param lastRun               the newest run; absent before the first
 * @param lastSuccessfulCheckAt end of the newest run whose detection completed; absent if none
 * @param nextRunAt             next scheduled run; absent when not scheduled
 * @param driftCounts           resources per operation in the latest report
 * @param driftBySource         resources per source in the latest report
 * @param pendingApprovalRunId  the run awaiting approval; absent when none
 * @param flappingResources     resources escalated as flapping (not auto-remediated)
 * @param complianceErrors      regions whose compliance could not be read in the latest run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StackView(String name, RemediationMode mode, String interval, boolean running, RunSummaryView lastRun,
                        Instant lastSuccessfulCheckAt, Instant nextRunAt, Map<String, Long> driftCounts,
                        Map<String, Long> driftBySource, String pendingApprovalRunId, List<String> flappingResources,
                        List<String> complianceErrors) {

    static StackView of(StackStatus s) {
        return new StackView(s.name(), s.mode(), s.interval() == null ? null : s.interval().toString(), s.running(),
                s.lastRun() == null ? null : RunSummaryView.of(s.lastRun()), s.lastSuccessfulCheckAt(), s.nextRunAt(),
                orEmpty(s.driftCounts()), orEmpty(s.driftBySource()), s.pendingApprovalRunId(),
                s.flappingUrns() == null ? List.of() : s.flappingUrns(),
                s.complianceErrors() == null ? List.of() : s.complianceErrors());
    }

    private static Map<String, Long> orEmpty(Map<String, Long> m) {
        return m == null ? Map.of() : m;
    }
}
