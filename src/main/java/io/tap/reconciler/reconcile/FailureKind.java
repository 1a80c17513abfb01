package io.tap.reconciler.reconcile;

import io.tap.reconciler.engine.EngineException;

/** Why a run failed; decides whether the scheduler retries with backoff. */
public enum FailureKind {
    /** The stack's backend is locked by another update: retried sooner than other failures. */
    BUSY(true),
    /** An engine operation timed out. */
    TIMEOUT(true),
    /** The engine or a provider failed (network, throttling, provider error). */
    ENGINE_FAILURE(true),
    /** An AWS API throttled us. */
    THROTTLED(true),
    /** Something unexpected in the service itself (e.g. the database); retried with backoff. */
    INTERNAL(true),
    /** The pulumi CLI is missing or too old: needs an operator. */
    CLI_MISSING(false),
    /** The Pulumi program failed (bad config, code error): needs an operator. */
    PROGRAM_ERROR(false),
    /** The remediation ran but the verifying preview still shows changes. */
    VERIFY_FAILED(false),
    /** An approved plan no longer matches the drift: it was not applied. */
    STALE_PLAN(false),
    /** The run was cancelled (shutdown, or the process died). */
    INTERRUPTED(false);

    private final boolean transientFailure;

    FailureKind(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** True when a retry may succeed without anybody changing anything. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The classification of an engine failure. */
    public static FailureKind of(EngineException e) {
        return switch (e.kind()) {
            case BUSY -> BUSY;
            case TIMEOUT -> TIMEOUT;
            case ENGINE_FAILURE -> isThrottling(e) ? THROTTLED : ENGINE_FAILURE;
            case CLI_MISSING -> CLI_MISSING;
            case PROGRAM_ERROR -> PROGRAM_ERROR;
            case CANCELLED -> INTERRUPTED;
        };
    }

    private static boolean isThrottling(EngineException e) {
        String text = (e.getMessage() + " " + e.stderrTail()).toLowerCase(java.util.Locale.ROOT);
        return text.contains("throttl") || text.contains("rate exceeded") || text.contains("too many requests");
    }
}
