package io.tap.reconciler.engine;

/** The operation exceeded {@code tap.engine.operation-timeout}; it was cancelled (and killed if it did not stop). */
public final class OperationTimeoutException extends EngineException {

    public OperationTimeoutException(String message, String stderrTail) {
        super(Kind.TIMEOUT, message, stderrTail, null);
    }
}
