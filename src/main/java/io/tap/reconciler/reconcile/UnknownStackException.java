package io.tap.reconciler.reconcile;

/** No stack with this name is configured. */
public class UnknownStackException extends RuntimeException {
    public UnknownStackException(String message) {
        super(message);
    }
}
