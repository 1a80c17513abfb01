package io.tap.reconciler.alerting;

import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which alerts a run makes: transitions only. Pure: the previous state goes in, the alerts and
 * the new state come out.
 *
 * <ul>
 *   <li>Drift (CLOUD/CODE) and compliance (COMPLIANCE/UNMANAGED) are two conditions per stack, each with
 *       a fingerprint of its own: it appears → DRIFT_DETECTED / COMPLIANCE_VIOLATION; its fingerprint
 *       changes → DRIFT_CHANGED / COMPLIANCE_VIOLATION; unchanged → nothing, unless the re-notify
 *       interval has passed; it clears → DRIFT_RESOLVED (scope says which).</li>
 *   <li>A run whose detection did not complete ({@code report == null}) leaves both as they were.</li>
 *   <li>Run events alert once per {@code kind + dedupKey} while they keep occurring (re-notified like
 *       drift); a run without the event closes it silently, so its next occurrence alerts again.</li>
 * </ul>
 */
final class AlertPlanner {

    static final String DRIFT_KEY = "drift";
    static final String COMPLIANCE_KEY = "compliance";
    static final String EVENT_PREFIX = "event:";

    private static final Set<DriftSource> DRIFT_SOURCES = EnumSet.of(DriftSource.CLOUD, DriftSource.CODE);
    private static final Set<DriftSource> COMPLIANCE_SOURCES = EnumSet.of(DriftSource.COMPLIANCE, DriftSource.UNMANAGED);
    private static final Set<Operation> DISRUPTIVE = EnumSet.of(Operation.CREATE, Operation.REPLACE, Operation.DELETE);

    private final Duration renotifyInterval;

    /** @param renotifyInterval {@link Duration#ZERO} disables re-notification */
    AlertPlanner(Duration renotifyInterval) {
        this.renotifyInterval = renotifyInterval;
    }

    AlertPlan plan(RunEvent run, Map<String, AlertState> previous, Instant now) {
        List<PlannedAlert> alerts = new ArrayList<>();
        List<AlertState> states = new ArrayList<>();
        DriftReport report = run.report();
        if (report != null) {
            track(AlertScope.DRIFT, DRIFT_KEY, only(report, DRIFT_SOURCES), run, previous, now, alerts, states);
            track(AlertScope.COMPLIANCE, COMPLIANCE_KEY, only(report, COMPLIANCE_SOURCES), run, previous, now, alerts, states);
        }
        events(run, previous, now, alerts, states);
        return new AlertPlan(alerts, states);
    }

    /** The entries seen by these sources, each reduced to them, so one scope's fingerprint ignores the other's. */
    static DriftReport only(DriftReport report, Set<DriftSource> sources) {
        List<ResourceDrift> kept = new ArrayList<>();
        for (ResourceDrift d : report.resources()) {
            Set<DriftSource> s = EnumSet.noneOf(DriftSource.class);
            for (DriftSource source : d.sources()) if (sources.contains(source)) s.add(source);
            if (!s.isEmpty()) {
                kept.add(new ResourceDrift(d.urn(), d.type(), d.operation(), s, d.changes(), d.notes()));
            }
        }
        return new DriftReport(report.stack(), report.checkedAt(), kept);
    }

    private void track(AlertScope scope, String key, DriftReport current, RunEvent run, Map<String, AlertState> previous,
                       Instant now, List<PlannedAlert> alerts, List<AlertState> states) {
        AlertState prev = previous.get(key);
        boolean wasOpen = prev != null && prev.open();
        String fingerprint = fingerprint(scope, current);
        int count = current.resources().size();
        if (current.isClean()) {
            if (wasOpen) {
                alerts.add(new PlannedAlert(AlertKind.DRIFT_RESOLVED, Severity.INFO, scope, fingerprint,
                        prev.fingerprint(), false, prev.openedAt(), List.of(), prev.resources(), null));
                states.add(new AlertState(key, fingerprint, false, prev.openedAt(), now, 0, run.runId()));
            }
            return;
        }
        Severity severity = severity(scope, current);
        if (!wasOpen) {
            alerts.add(new PlannedAlert(opened(scope), severity, scope, fingerprint, null, false, now,
                    current.resources(), 0, null));
            states.add(new AlertState(key, fingerprint, true, now, now, count, run.runId()));
        } else if (!prev.fingerprint().equals(fingerprint)) {
            AlertKind kind = scope == AlertScope.DRIFT ? AlertKind.DRIFT_CHANGED : AlertKind.COMPLIANCE_VIOLATION;
            alerts.add(new PlannedAlert(kind, severity, scope, fingerprint, prev.fingerprint(), false, prev.openedAt(),
                    current.resources(), prev.resources(), null));
            states.add(new AlertState(key, fingerprint, true, prev.openedAt(), now, count, run.runId()));
        } else if (renotifyDue(prev, now)) {
            alerts.add(new PlannedAlert(opened(scope), severity, scope, fingerprint, null, true, prev.openedAt(),
                    current.resources(), prev.resources(), null));
            states.add(new AlertState(key, fingerprint, true, prev.openedAt(), now, count, run.runId()));
        }
    }

    /**
     * A scope's fingerprint covers only its own evidence: drift its attribute changes, compliance its
     * findings (notes). A resource seen by both thus changes one scope's fingerprint at a time.
     */
    static String fingerprint(AlertScope scope, DriftReport current) {
        List<ResourceDrift> evidence = new ArrayList<>();
        for (ResourceDrift d : current.resources()) {
            evidence.add(scope == AlertScope.DRIFT
                    ? new ResourceDrift(d.urn(), d.type(), d.operation(), d.sources(), d.changes(), List.of())
                    : new ResourceDrift(d.urn(), d.type(), Operation.NONE, d.sources(), List.of(), d.notes()));
        }
        return new DriftReport(current.stack(), current.checkedAt(), evidence).fingerprint();
    }

    private void events(RunEvent run, Map<String, AlertState> previous, Instant now, List<PlannedAlert> alerts,
                        List<AlertState> states) {
        Set<String> seen = new HashSet<>();
        for (RunEvent.Event e : run.events()) {
            String key = bounded(EVENT_PREFIX + e.kind() + ":" + e.dedupKey(), 400);
            String fingerprint = bounded(e.dedupKey(), 300);
            if (!seen.add(key)) continue;
            AlertState prev = previous.get(key);
            if (prev == null || !prev.open()) {
                alerts.add(new PlannedAlert(e.kind(), e.severity(), AlertScope.EVENT, fingerprint, null, false, now,
                        List.of(), 0, e));
                states.add(new AlertState(key, fingerprint, true, now, now, e.urns().size(), run.runId()));
            } else if (renotifyDue(prev, now)) {
                alerts.add(new PlannedAlert(e.kind(), e.severity(), AlertScope.EVENT, fingerprint, null, true,
                        prev.openedAt(), List.of(), prev.resources(), e));
                states.add(new AlertState(key, fingerprint, true, prev.openedAt(), now, e.urns().size(), run.runId()));
            }
        }
        for (AlertState prev : previous.values()) {
            if (prev.open() && prev.key().startsWith(EVENT_PREFIX) && !seen.contains(prev.key())) {
                states.add(new AlertState(prev.key(), prev.fingerprint(), false, prev.openedAt(), prev.lastNotifiedAt(),
                        prev.resources(), run.runId()));
            }
        }
    }

    /** Keys and fingerprints fit their columns: a long one keeps its start and gets a digest of the whole. */
    static String bounded(String s, int max) {
        if (s.length() <= max) return s;
        String digest = java.util.HexFormat.of().formatHex(sha256(s), 0, 16);
        return s.substring(0, max - digest.length() - 1) + "#" + digest;
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    private boolean renotifyDue(AlertState prev, Instant now) {
        return !renotifyInterval.isZero() && !now.isBefore(prev.lastNotifiedAt().plus(renotifyInterval));
    }

    private static AlertKind opened(AlertScope scope) {
        return scope == AlertScope.DRIFT ? AlertKind.DRIFT_DETECTED : AlertKind.COMPLIANCE_VIOLATION;
    }

    /**
     * Drift is CRITICAL when a resource is missing or would be replaced or deleted; compliance is CRITICAL
     * when a resource the stack manages is non-compliant (unmanaged findings alone are a WARNING).
     */
    private static Severity severity(AlertScope scope, DriftReport current) {
        boolean critical = scope == AlertScope.DRIFT
                ? current.resources().stream().anyMatch(d -> DISRUPTIVE.contains(d.operation()))
                : current.resources().stream().anyMatch(d -> d.sources().contains(DriftSource.COMPLIANCE));
        return critical ? Severity.CRITICAL : Severity.WARNING;
    }
}
