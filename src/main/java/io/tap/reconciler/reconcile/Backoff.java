package io.tap.reconciler.reconcile;

import java.time.Duration;

/**
 * Retry delays after transient failures: exponential from {@code initial}, capped at {@code max}; a busy
 * backend (another update holds the lock) is retried after the shorter {@code busy} delay.
 */
record Backoff(Duration initial, Duration max, Duration busy) {

    static Backoff of(ReconcileProperties p) {
        return new Backoff(p.backoffInitial(), p.backoffMax(), p.busyRetry());
    }

    /**
     * The delay before the next attempt.
     *
     * @param kind                the failure
     * @param consecutiveFailures failures in a row, including this one (at least 1)
     */
    Duration delay(FailureKind kind, int consecutiveFailures) {
        if (kind == FailureKind.BUSY) {
            return min(busy, max);
        }
        int doublings = Math.max(0, Math.min(consecutiveFailures - 1, 30));
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return min(Duration.ofMillis(millis), max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
