package io.tap.reconciler.compliance;

import java.time.Instant;

/**
 * What happened when AWS Config's own remediation was considered for one NON_COMPLIANT managed resource.
 *
 * @param region       AWS region
 * @param rule         Config rule name
 * @param resourceType AWS resource type
 * @param resourceId   AWS resource id as Config reports it
 * @param urn          the managed resource's URN
 * @param outcome      what was done
 * @param state        Config's execution state for this rule and resource ({@code QUEUED}, {@code IN_PROGRESS},
 *                     {@code SUCCEEDED}, {@code FAILED}) as last seen, {@code null} when none is known
 * @param detail       one sentence: the remediation target, a failure message or why nothing was done
 * @param at           when this was decided
 */
public record ConfigRemediation(String region, String rule, String resourceType, String resourceId, String urn,
                                Outcome outcome, String state, String detail, Instant at) {

    /** What was done about one resource. */
    public enum Outcome {
        /** {@code StartRemediationExecution} accepted the resource. */
        STARTED,
        /** An execution is QUEUED or IN_PROGRESS for this rule and resource; Config runs one at a time. */
        ALREADY_RUNNING,
        /** The rule's remediation is automatic: Config runs it itself. */
        AUTOMATIC_IN_CONFIG,
        /** The rule carries no remediation configuration; only the IaC can fix it. */
        NO_REMEDIATION_CONFIGURATION,
        /** {@code tap.compliance.config-remediation.rules} does not list the rule. */
        NOT_ALLOWED,
        /** Config refused or the call failed; {@code detail} says why. */
        FAILED
    }
}
