package io.tap.reconciler.alerting;

import java.time.Instant;
import java.util.List;

/**
 * One alert as queued and sent.
 *
 * @param id          unique id, also the SNS deduplication id
 * @param stack       stack name
 * @param kind        kind
 * @param severity    severity
 * @param runId       the run that raised it
 * @param fingerprint drift fingerprint or event de-dup key
 * @param regions     regions concerned
 * @param subject     short subject (SNS limit 100 characters)
 * @param body        JSON body, bounded in size, no secrets
 * @param createdAt   when it was queued
 */
public record Alert(String id, String stack, AlertKind kind, Severity severity, String runId, String fingerprint,
                    List<String> regions, String subject, String body, Instant createdAt) {
    public Alert {
        regions = List.copyOf(regions);
    }
}
