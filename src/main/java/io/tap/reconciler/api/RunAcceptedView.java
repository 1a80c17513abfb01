package io.tap.reconciler.api;

import io.tap.reconciler.reconcile.RunTicket;

/**
 * The answer to a trigger or an approval; the run itself is at {@code location}.
 *
 * @param runId    the run doing the work
 * @param stack    stack name
 * @param joined   true when the request joined a run already in flight instead of starting one
 * @param location path of the run resource
 */
public record RunAcceptedView(String runId, String stack, boolean joined, String location) {

    static RunAcceptedView of(RunTicket ticket) {
        return new RunAcceptedView(ticket.runId(), ticket.stack(), ticket.joined(), RunsController.location(ticket.runId()));
    }
}
