package io.tap.reconciler.reconcile;

import io.tap.reconciler.config.RemediationMode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What is known about one stack right now, read from recorded state (never from AWS or Pulumi).
 *
 * @param name                   stack name
 * @param mode                   configured remediation mode
 * @param interval               scheduling interval
 * @param running                true while a run is in flight
 * @param lastRun                the newest run, {@code null} before the first
 * @param lastSuccessfulCheckAt  end of the newest run whose drift detection completed, {@code null} if none
 * @param nextRunAt              when the scheduler will start the next run, {@code null} when not scheduled
 * @param driftCounts            resources per operation in the latest report
 * @param driftBySource          resources per source in the latest report
 * @param pendingApprovalRunId   the run awaiting approval, {@code null} when none
 * @param flappingUrns           resources escalated as flapping
 * @param complianceErrors       regions whose compliance could not be read in the latest run
 */
public record StackStatus(String name, RemediationMode mode, Duration interval, boolean running, RunRecord lastRun,
                          Instant lastSuccessfulCheckAt, Instant nextRunAt, Map<String, Long> driftCounts,
                          Map<String, Long> driftBySource, String pendingApprovalRunId, List<String> flappingUrns,
                          List<String> complianceErrors) {
}
