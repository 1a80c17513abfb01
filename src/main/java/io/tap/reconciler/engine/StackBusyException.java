package io.tap.reconciler.engine;

/** The stack is locked by another update (here or in another process): retry soon, not a failure. */
public final class StackBusyException extends EngineException {

    public StackBusyException(String message, String stderrTail, Throwable cause) {
        super(Kind.BUSY, message, stderrTail, cause);
    }
}
