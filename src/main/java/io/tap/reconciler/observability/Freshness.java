package io.tap.reconciler.observability;

import io.tap.reconciler.reconcile.StackStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a stack's drift knowledge is recent enough: its newest successful check must be younger
 * than {@value #INTERVALS} intervals. A stack never checked gets the same allowance from start-up.
 *
 * @param state      FRESH, STARTING (never checked, within the start-up grace) or STALE
 * @param maxAge     the allowance, {@value #INTERVALS} × interval
 * @param staleAfter the moment the stack becomes (or became) stale
 */
record Freshness(State state, Duration maxAge, Instant staleAfter) {

    static final int INTERVALS = 3;

    enum State { FRESH, STARTING, STALE }

    static Freshness of(StackStatus stack, Instant startedAt, Instant now) {
        Duration maxAge = stack.interval().multipliedBy(INTERVALS);
        Instant reference = stack.lastSuccessfulCheckAt() != null ? stack.lastSuccessfulCheckAt() : startedAt;
        Instant staleAfter = reference.plus(maxAge);
        State state = now.isAfter(staleAfter) ? State.STALE
                : stack.lastSuccessfulCheckAt() == null ? State.STARTING : State.FRESH;
        return new Freshness(state, maxAge, staleAfter);
    }

    /** A sentence for health details. */
    String describe(StackStatus stack) {
        return switch (state) {
            case FRESH -> "last successful drift check at " + stack.lastSuccessfulCheckAt();
            case STARTING -> "no successful drift check yet; start-up grace until " + staleAfter;
            case STALE -> stack.lastSuccessfulCheckAt() == null
                    ? "no successful drift check since start-up (grace of " + maxAge + " ended at " + staleAfter + ")"
                    : "newest successful drift check at " + stack.lastSuccessfulCheckAt() + " is older than "
                    + INTERVALS + " x interval (" + maxAge + ")";
        };
    }
}
