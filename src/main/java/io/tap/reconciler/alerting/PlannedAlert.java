package io.tap.reconciler.alerting;

import io.tap.reconciler.drift.ResourceDrift;

import java.time.Instant;
import java.util.List;

/**
 * An alert the planner decided to send, before it is rendered.
 *
 * @param kind                kind
 * @param severity            severity
 * @param scope               drift, compliance or event
 * @param fingerprint         drift fingerprint, or the event's de-dup key
 * @param previousFingerprint what was alerted before (CHANGED, RESOLVED), else {@code null}
 * @param renotify            true when this repeats a still-open condition
 * @param openSince           when the condition was first seen
 * @param resources           the resources of the scope (empty for RESOLVED and events)
 * @param previousResources   resource count when last alerted (for RESOLVED)
 * @param event               the run event, for scope EVENT; else {@code null}
 */
record PlannedAlert(AlertKind kind, Severity severity, AlertScope scope, String fingerprint,
                    String previousFingerprint, boolean renotify, Instant openSince,
                    List<ResourceDrift> resources, int previousResources, RunEvent.Event event) {
    PlannedAlert {
        resources = List.copyOf(resources);
    }
}
