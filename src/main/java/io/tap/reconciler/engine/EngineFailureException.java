package io.tap.reconciler.engine;

/** The engine failed for another reason (provider or backend error, I/O): retry with backoff. */
public final class EngineFailureException extends EngineException {

    public EngineFailureException(String message, String stderrTail, Throwable cause) {
        super(Kind.ENGINE_FAILURE, message, stderrTail, cause);
    }
}
