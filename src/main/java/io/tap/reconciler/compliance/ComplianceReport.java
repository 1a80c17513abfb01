package io.tap.reconciler.compliance;

import io.tap.reconciler.drift.ResourceDrift;

import java.util.List;
import java.util.Map;

/**
 * Compliance of one stack across its regions.
 *
 * @param nonCompliantRules per region, the number of NON_COMPLIANT rules
 * @param findings          NON_COMPLIANT resources, managed (with URN) or not
 * @param errors            regions that could not be read, with a clear reason
 */
public record ComplianceReport(Map<String, Integer> nonCompliantRules, List<ComplianceFinding> findings,
                               List<RegionError> errors) {

    public ComplianceReport {
        nonCompliantRules = Map.copyOf(nonCompliantRules);
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
    }

    /** Drift entries: COMPLIANCE for managed resources, UNMANAGED (operation NONE) for the rest. */
    public List<ResourceDrift> toDrift() {
        return findings.stream().map(ComplianceFinding::toDrift).toList();
    }

    /**
     * A region whose compliance could not be read.
     *
     * @param region    AWS region
     * @param errorCode AWS error code or a short classification (e.g. AccessDeniedException)
     * @param message   clear, non-secret explanation
     * @param retryable whether a later run may succeed without a change
     */
    public record RegionError(String region, String errorCode, String message, boolean retryable) {

        /** The same key while the same region fails the same way, so the failure is alerted once. */
        public String dedupKey() {
            return "compliance-read:" + region + ":" + errorCode;
        }
    }
}
