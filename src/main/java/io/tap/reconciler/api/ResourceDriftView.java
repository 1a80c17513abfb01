package io.tap.reconciler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;

import java.util.List;

/**
 * Drift of one resource.
 *
 * @param urn        Pulumi URN, or for an unmanaged compliance finding the AWS ARN or id
 * @param type       Pulumi type token or AWS resource type
 * @param operation  what converging it would do ({@code NONE} for evidence only)
 * @param sources    who saw it, sorted
 * @param compliance true when AWS Config reported it (COMPLIANCE or UNMANAGED)
 * @param changes    attribute-level differences
 * @param notes      evidence, e.g. the Config rule and its annotation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceDriftView(String urn, String type, Operation operation, List<DriftSource> sources,
                                boolean compliance, List<PropertyChangeView> changes, List<String> notes) {

    static ResourceDriftView of(ResourceDrift d) {
        return new ResourceDriftView(d.urn(), d.type(), d.operation(), d.sources().stream().sorted().toList(),
                isCompliance(d), d.changes().stream().map(PropertyChangeView::of).toList(), d.notes());
    }

    static boolean isCompliance(ResourceDrift d) {
        return d.sources().contains(DriftSource.COMPLIANCE) || d.sources().contains(DriftSource.UNMANAGED);
    }
}
