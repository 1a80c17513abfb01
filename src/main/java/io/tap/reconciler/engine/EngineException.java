package io.tap.reconciler.engine;

/**
 * A classified engine failure. The message and {@link #stderrTail()} have secrets masked.
 */
public class EngineException extends RuntimeException {

    /** What went wrong, which tells the caller whether to retry. */
    public enum Kind {
        /** The stack is locked by another update: retry soon. */
        BUSY(true),
        /** The pulumi CLI is missing or too old: not retried until fixed. */
        CLI_MISSING(false),
        /** The operation exceeded its timeout and was cancelled: retry with backoff. */
        TIMEOUT(true),
        /** The Pulumi program itself failed (bad config, code error): permanent. */
        PROGRAM_ERROR(false),
        /** The engine failed for another reason (provider error, network): retry with backoff. */
        ENGINE_FAILURE(true),
        /** The operation was cancelled (e.g. on shutdown). */
        CANCELLED(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** True when a retry may succeed without anybody changing anything. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;
    private final String stderrTail;

    public EngineException(Kind kind, String message, String stderrTail, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    public Kind kind() {
        return kind;
    }

    /** The last lines of the engine's stderr, secrets masked; may be empty. */
    public String stderrTail() {
        return stderrTail;
    }
}
