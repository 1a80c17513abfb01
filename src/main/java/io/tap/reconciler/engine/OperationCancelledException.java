package io.tap.reconciler.engine;

/** The operation was cancelled through {@link StackEngine#cancel(String)} or on shutdown. */
public final class OperationCancelledException extends EngineException {

    public OperationCancelledException(String message, String stderrTail) {
        super(Kind.CANCELLED, message, stderrTail, null);
    }
}
