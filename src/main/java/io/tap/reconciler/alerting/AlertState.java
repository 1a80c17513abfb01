package io.tap.reconciler.alerting;

import java.time.Instant;

/**
 * What was last alerted for one condition of a stack.
 *
 * @param key            {@code drift}, {@code compliance} or {@code event:<KIND>:<dedup key>}
 * @param fingerprint    fingerprint last alerted ({@code clean} once resolved)
 * @param open           whether the condition is still present
 * @param openedAt       when it was first seen (this time)
 * @param lastNotifiedAt when an alert for it was last queued
 * @param resources      resources involved when last alerted
 * @param lastRunId      the run that last changed this state
 */
record AlertState(String key, String fingerprint, boolean open, Instant openedAt, Instant lastNotifiedAt,
                  int resources, String lastRunId) {
}
