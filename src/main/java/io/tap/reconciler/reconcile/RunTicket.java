package io.tap.reconciler.reconcile;

/**
 * The answer to a trigger.
 *
 * @param runId  the run that will do the work
 * @param stack  stack name
 * @param joined true when the trigger joined a run already in flight
 */
public record RunTicket(String runId, String stack, boolean joined) {
}
