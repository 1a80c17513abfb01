package io.tap.reconciler.compliance;

import io.tap.reconciler.drift.ManagedResource;

import java.util.List;

/** Reads AWS Config compliance for a stack's regions and maps findings to the stack's resources. */
public interface ComplianceReader {

    /**
     * Reads every region; one region failing is reported in {@link ComplianceReport#errors()} and does
     * not hide the others' findings.
     *
     * @param stack   stack name, for logs and metrics
     * @param regions AWS regions to read
     * @param managed the stack's resources, to map findings to URNs
     */
    ComplianceReport read(String stack, List<String> regions, List<ManagedResource> managed);
}
