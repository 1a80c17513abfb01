package io.tap.reconciler.compliance;

import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One NON_COMPLIANT evaluation of AWS Config.
 *
 * @param region       AWS region
 * @param rule         Config rule name
 * @param resourceType AWS resource type, e.g. {@code AWS::S3::Bucket}
 * @param resourceId   AWS resource id as Config reports it
 * @param annotation   Config's explanation, may be {@code null}
 * @param recordedAt   when Config recorded the result
 * @param urn          the managed resource's URN, or {@code null} when the stack does not manage it
 * @param pulumiType   the managed resource's Pulumi type, or {@code null}
 */
public record ComplianceFinding(String region, String rule, String resourceType, String resourceId,
                                String annotation, Instant recordedAt, String urn, String pulumiType) {

    /** True when the stack manages the resource. */
    public boolean managed() {
        return urn != null;
    }

    /**
     * The drift entry of this finding. The note says which side of the Config↔IaC loop it is on, so the API
     * and the alerts show it: a managed resource goes through the stack's remediation policy (a targeted
     * refresh-and-up of its URN); an unmanaged one is reported and never touched.
     */
    ResourceDrift toDrift() {
        String note = "AWS Config rule " + rule + " in " + region + ": NON_COMPLIANT"
                + (annotation == null || annotation.isBlank() ? "" : " (" + annotation + ")");
        if (managed()) {
            return new ResourceDrift(urn, pulumiType, Operation.UPDATE, Set.of(DriftSource.COMPLIANCE),
                    List.of(), List.of(note + "; managed by this stack: handled by its remediation policy"));
        }
        return new ResourceDrift(resourceType + ":" + resourceId + "@" + region, resourceType, Operation.NONE,
                Set.of(DriftSource.UNMANAGED), List.of(),
                List.of(note + "; not managed by this stack: reported only, never touched"));
    }
}
