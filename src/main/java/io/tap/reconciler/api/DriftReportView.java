package io.tap.reconciler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The latest merged drift of a stack.
 *
 * @param stack       stack name
 * @param checkedAt   when detection finished
 * @param clean       true when nothing drifted
 * @param fingerprint stable digest of the drift; an approval is tied to it
 * @param byOperation resources per operation
 * @param bySource    resources per source (a resource seen by two sources counts for both)
 * @param resources   every drifted resource with attribute-level diffs
 * @param compliance  what AWS Config reported, separated so it is not lost among code and cloud drift
 */
public record DriftReportView(String stack, Instant checkedAt, boolean clean, String fingerprint,
                              Map<Operation, Long> byOperation, Map<DriftSource, Long> bySource,
                              List<ResourceDriftView> resources, ComplianceView compliance) {

    /**
     * Compliance findings of the report.
     *
     * @param readErrors regions whose compliance could not be read in the latest run (then findings are
     *                   incomplete); absent when the report is not the stack's latest
     * @param findings   resources with a COMPLIANCE source (managed, NON_COMPLIANT) or UNMANAGED (not ours, never touched)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComplianceView(List<String> readErrors, List<ResourceDriftView> findings) {
    }

    static DriftReportView of(DriftReport report, List<String> complianceErrors) {
        List<ResourceDriftView> resources = report.resources().stream().map(ResourceDriftView::of).toList();
        return new DriftReportView(report.stack(), report.checkedAt(), report.isClean(), report.fingerprint(),
                report.countsByOperation(), report.countsBySource(), resources,
                new ComplianceView(complianceErrors == null ? null : List.copyOf(complianceErrors),
                        resources.stream().filter(ResourceDriftView::compliance).toList()));
    }
}
