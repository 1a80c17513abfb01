package io.tap.reconciler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tap.reconciler.reconcile.RunRecord;

/**
 * One run with its drift report.
 *
 * @param run    the run's record
 * @param report its merged drift report; absent when detection did not complete
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(RunSummaryView run, DriftReportView report) {

    static RunView of(RunRecord r) {
        return new RunView(RunSummaryView.of(r), r.report() == null ? null : DriftReportView.of(r.report(), null));
    }
}
