package io.tap.reconciler.alerting;

import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a planned alert as an SNS subject (≤ 100 printable ASCII characters) and a JSON body bounded
 * in size: per-resource attribute diffs are included while they fit, the rest is summarised under
 * {@code omitted}. Every string goes through the {@link SecretScrubber}.
 */
final class AlertMessageWriter {

    /** SNS subject limit. */
    static final int MAX_SUBJECT = 100;
    static final String SCHEMA = "tap.alert/v1";

    /** Room kept for the {@code omitted} summary and closing brackets. */
    private static final int RESERVE = 768;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final String LOOP = "Managed resources (managed=true) are drift of this stack: they go through its "
            + "remediation policy like any other drift. Unmanaged resources (managed=false) are not in the stack: "
            + "reported only, never touched.";

    private final SecretScrubber scrubber;
    private final int maxBodyBytes;
    private final int maxValueLength;

    AlertMessageWriter(SecretScrubber scrubber, int maxBodyBytes, int maxValueLength) {
        this.scrubber = scrubber;
        this.maxBodyBytes = maxBodyBytes;
        this.maxValueLength = maxValueLength;
    }

    /** Subject and body of one alert. */
    record Rendered(String subject, String body) {
    }

    Rendered render(String alertId, PlannedAlert alert, RunEvent run, Instant createdAt) {
        return new Rendered(subject(alert, run), body(alertId, alert, run, createdAt));
    }

    String subject(PlannedAlert a, RunEvent run) {
        String prefix = "[TAP " + run.stack() + "] ";
        String text = switch (a.kind()) {
            case DRIFT_DETECTED -> (a.renotify() ? "Drift still open: " : "Drift detected: ") + resources(a.resources().size());
            case DRIFT_CHANGED -> "Drift changed: " + resources(a.resources().size());
            case DRIFT_RESOLVED -> a.scope() == AlertScope.COMPLIANCE ? "Compliance violations resolved" : "Drift resolved";
            case COMPLIANCE_VIOLATION -> (a.renotify() ? "Still non-compliant: " : "Non-compliant: ")
                    + managed(a.resources()) + " managed, " + (a.resources().size() - managed(a.resources())) + " unmanaged";
            default -> a.kind() + (a.renotify() ? " (still)" : "") + ": " + a.event().summary();
        };
        return fitSubject(scrubber.scrub(prefix + text + " [" + a.severity() + "]"));
    }

    private String body(String alertId, PlannedAlert a, RunEvent run, Instant createdAt) {
        ObjectNode root = NODES.objectNode();
        root.put("schema", SCHEMA);
        root.put("id", alertId);
        root.put("stack", text(run.stack()));
        ArrayNode regions = root.putArray("regions");
        run.regions().forEach(r -> regions.add(text(r)));
        root.put("kind", a.kind().name());
        root.put("severity", a.severity().name());
        root.put("scope", a.scope().label());
        root.put("runId", text(run.runId()));
        root.put("fingerprint", text(a.fingerprint()));
        if (a.previousFingerprint() != null) root.put("previousFingerprint", text(a.previousFingerprint()));
        root.put("renotify", a.renotify());
        root.put("openSince", a.openSince().toString());
        root.put("createdAt", createdAt.toString());
        if (run.report() != null) root.put("checkedAt", run.report().checkedAt().toString());
        if (a.scope() == AlertScope.EVENT) {
            event(root, a.event());
        } else {
            counts(root.putObject("counts"), a);
            if (a.scope() == AlertScope.COMPLIANCE) root.put("loop", LOOP);
            resources(root, a);
        }
        String body = JSON.writeValueAsString(root);
        // belt and braces: values were scrubbed one by one; nothing may slip through the serialised form
        return scrubber.leaks(body) ? scrubber.scrub(body) : body;
    }

    private void event(ObjectNode root, RunEvent.Event e) {
        root.put("summary", text(e.summary()));
        root.put("dedupKey", text(e.dedupKey()));
        ObjectNode counts = root.putObject("counts");
        counts.put("resources", e.urns().size());
        ArrayNode urns = root.putArray("urns");
        int used = 0;
        int omitted = 0;
        for (String urn : e.urns()) {
            String u = text(urn);
            used += u.length() + 4;
            if (used > maxBodyBytes - 4 * RESERVE) omitted++;
            else urns.add(u);
        }
        if (omitted > 0) root.putObject("omitted").put("urns", omitted);
    }

    private static void counts(ObjectNode counts, PlannedAlert a) {
        List<ResourceDrift> rs = a.resources();
        counts.put("resources", rs.size());
        if (a.kind() == AlertKind.DRIFT_RESOLVED || a.previousFingerprint() != null || a.renotify()) {
            counts.put("previousResources", a.previousResources());
        }
        counts.put("changes", rs.stream().mapToInt(r -> r.changes().size()).sum());
        counts.set("byOperation", byOperation(rs));
        Map<DriftSource, Long> bySource = new DriftReport("-", Instant.EPOCH, rs).countsBySource();
        ObjectNode sources = counts.putObject("bySource");
        bySource.forEach((k, v) -> sources.put(k.name(), v));
        if (a.scope() == AlertScope.COMPLIANCE) {
            counts.put("managed", managed(rs));
            counts.put("unmanaged", rs.size() - managed(rs));
        }
    }

    private void resources(ObjectNode root, PlannedAlert a) {
        int budget = maxBodyBytes - size(root) - RESERVE;
        ArrayNode list = root.putArray("resources");
        int omittedResources = 0;
        int omittedChanges = 0;
        List<ResourceDrift> rest = List.of();
        List<ResourceDrift> all = a.resources();
        for (int i = 0; i < all.size(); i++) {
            ResourceDrift d = all.get(i);
            ObjectNode node = resource(d, a.scope(), d.changes().size());
            int s = size(node) + 1;
            if (s > budget) {
                node = fitChanges(d, a.scope(), budget);
                if (node == null) {
                    rest = all.subList(i, all.size());
                    break;
                }
                omittedChanges += d.changes().size() - node.path("changes").size();
                s = size(node) + 1;
            }
            list.add(node);
            budget -= s;
        }
        for (ResourceDrift d : rest) {
            omittedResources++;
            omittedChanges += d.changes().size();
        }
        if (omittedResources > 0 || omittedChanges > 0) {
            ObjectNode omitted = root.putObject("omitted");
            omitted.put("resources", omittedResources);
            omitted.put("changes", omittedChanges);
            omitted.set("byOperation", byOperation(rest));
            omitted.put("reason", "body bounded to " + maxBodyBytes + " bytes; the run's drift report has everything");
        }
    }

    /** The resource with as many of its changes as fit, or {@code null} when not even its header fits. */
    private ObjectNode fitChanges(ResourceDrift d, AlertScope scope, int budget) {
        ObjectNode bare = resource(d, scope, 0);
        if (size(bare) + 1 > budget) return null;
        int lo = 0;
        int hi = d.changes().size();
        while (lo < hi) { // the most changes that fit
            int mid = (lo + hi + 1) >>> 1;
            if (size(resource(d, scope, mid)) + 1 <= budget) lo = mid;
            else hi = mid - 1;
        }
        return resource(d, scope, lo);
    }

    private ObjectNode resource(ResourceDrift d, AlertScope scope, int changeLimit) {
        ObjectNode node = NODES.objectNode();
        node.put("urn", text(d.urn()));
        if (d.type() != null) node.put("type", text(d.type()));
        node.put("operation", d.operation().name());
        ArrayNode sources = node.putArray("sources");
        d.sources().stream().map(Enum::name).sorted().forEach(sources::add);
        boolean managed = !d.sources().contains(DriftSource.UNMANAGED);
        node.put("managed", managed);
        if (scope == AlertScope.COMPLIANCE) node.put("action", managed ? "remediation-policy" : "report-only");
        ArrayNode changes = node.putArray("changes");
        List<PropertyChange> cs = d.changes();
        for (int i = 0; i < Math.min(changeLimit, cs.size()); i++) {
            PropertyChange c = cs.get(i);
            ObjectNode cn = changes.addObject();
            cn.put("path", text(c.path()));
            cn.put("kind", c.kind().name());
            cn.put("input", c.input());
            cn.put("old", value(c.path(), c.oldValue()));
            cn.put("new", value(c.path(), c.newValue()));
        }
        if (changeLimit < cs.size()) node.put("changesOmitted", cs.size() - changeLimit);
        if (!d.notes().isEmpty()) {
            ArrayNode notes = node.putArray("notes");
            d.notes().forEach(n -> notes.add(text(n)));
        }
        return node;
    }

    private static ObjectNode byOperation(List<ResourceDrift> rs) {
        Map<Operation, Long> counts = new EnumMap<>(Operation.class);
        for (ResourceDrift d : rs) counts.merge(d.operation(), 1L, Long::sum);
        ObjectNode node = NODES.objectNode();
        counts.forEach((k, v) -> node.put(k.name(), v));
        return node;
    }

    private static int managed(List<ResourceDrift> rs) {
        return (int) rs.stream().filter(d -> !d.sources().contains(DriftSource.UNMANAGED)).count();
    }

    private static String resources(int n) {
        return n + (n == 1 ? " resource" : " resources");
    }

    private String value(String path, String v) {
        return cut(scrubber.scrubValue(path, v));
    }

    private String text(String v) {
        return cut(scrubber.scrub(v));
    }

    private String cut(String v) {
        if (v == null || v.length() <= maxValueLength) return v;
        return v.substring(0, maxValueLength) + "…(+" + (v.length() - maxValueLength) + " chars)";
    }

    private static int size(ObjectNode node) {
        return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Printable ASCII only (SNS rejects control characters), at most 100 characters. */
    static String fitSubject(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) b.append(ch >= 0x20 && ch < 0x7f ? ch : (Character.isWhitespace(ch) ? ' ' : '?'));
        String out = b.toString().strip();
        return out.length() <= MAX_SUBJECT ? out : out.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
