package io.tap.reconciler.reconcile;

import io.tap.reconciler.config.RemediationMode;

/** Write side of the reconciler, for the REST API. */
public interface ReconcileOperations {

    /**
     * Starts a run of the stack, or joins the one in flight.
     *
     * @param requestedMode may downgrade the stack's mode for this run; {@code null} keeps it
     * @throws UnknownStackException     when the stack is not configured
     * @throws ReconcileConflictException when {@code requestedMode} is more permissive than the stack's mode
     */
    RunTicket trigger(String stack, Trigger trigger, RemediationMode requestedMode);

    /**
     * Approves the plan of a run awaiting approval and starts applying it.
     *
     * @throws UnknownRunException        when there is no such run
     * @throws ReconcileConflictException when the run is not awaiting approval or its plan is stale
     */
    RunTicket approve(String runId, String approver);
}
