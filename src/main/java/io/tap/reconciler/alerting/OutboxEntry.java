package io.tap.reconciler.alerting;

import java.time.Instant;

/**
 * An alert in the outbox with its delivery bookkeeping.
 *
 * @param alert         the alert
 * @param attempts      sends tried so far
 * @param nextAttemptAt not sent before this (a retry's backoff, or a send in progress)
 * @param lastError     why the last send failed, {@code null} when none did
 * @param sentAt        when SNS accepted it, {@code null} while unsent
 * @param messageId     SNS message id once sent
 */
record OutboxEntry(Alert alert, int attempts, Instant nextAttemptAt, String lastError, Instant sentAt, String messageId) {

    boolean sent() {
        return sentAt != null;
    }
}
