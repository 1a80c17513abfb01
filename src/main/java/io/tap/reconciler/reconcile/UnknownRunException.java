package io.tap.reconciler.reconcile;

/** No run with this id. */
public class UnknownRunException extends RuntimeException {
    public UnknownRunException(String message) {
        super(message);
    }
}
