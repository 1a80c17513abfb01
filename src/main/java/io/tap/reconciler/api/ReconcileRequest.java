package io.tap.reconciler.api;

import io.tap.reconciler.config.RemediationMode;

/**
 * Optional body of a reconcile trigger.
 *
 * @param mode a mode for this run only; it may be less permissive than the stack's mode, never more
 */
public record ReconcileRequest(RemediationMode mode) {
}
