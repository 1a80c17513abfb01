package io.tap.reconciler.reconcile;

import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.config.StackProperties;

import java.util.Set;

/**
 * Who a run is and what it may do.
 *
 * @param runId    run id
 * @param stack    the stack's configuration
 * @param trigger  what started it
 * @param mode     the effective remediation mode (never more permissive than the stack's)
 * @param approval for a run applying an approved plan, the plan; else {@code null}
 */
record RunContext(String runId, StackProperties stack, Trigger trigger, RemediationMode mode, ApprovedPlan approval) {

    String stackName() {
        return stack.name();
    }

    /**
     * A plan an operator approved.
     *
     * @param awaitingRunId the run that held the plan
     * @param targets       the URNs to apply
     * @param fingerprint   the drift fingerprint the plan was made for; any other drift makes it stale
     * @param approver      who approved it
     */
    record ApprovedPlan(String awaitingRunId, Set<String> targets, String fingerprint, String approver) {
        ApprovedPlan {
            targets = Set.copyOf(targets);
        }
    }
}
