package io.tap.reconciler.reconcile;

/** The request conflicts with the stack's state or policy. */
public class ReconcileConflictException extends RuntimeException {
    public ReconcileConflictException(String message) {
        super(message);
    }
}
