package io.tap.reconciler.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.reconcile.ReconcileQueries;
import io.tap.reconciler.reconcile.StackStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gauges of the reconciler's recorded state, per configured stack. Tags are low-cardinality
 * (stack, source, operation), never a URN. One scrape reads the state once: the values come from
 * a snapshot that is reused for {@link #SNAPSHOT_TTL}, so many gauges do not mean many reads.
 */
final class ReconcileMetrics implements MeterBinder {

    static final Duration SNAPSHOT_TTL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ReconcileMetrics.class);

    private final ReconcileQueries queries;
    private final Clock clock;
    private Snapshot snapshot;

    ReconcileMetrics(ReconcileQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (StackStatus stack : queries.stacks()) {
            String name = stack.name();
            for (DriftSource source : DriftSource.values()) {
                for (Operation operation : Operation.values()) {
                    Gauge.builder("tap.drift.resources", () -> snapshot().driftCount(name, source, operation))
                            .description("Resources in the stack's latest drift report, by source and operation")
                            .tags("stack", name, "source", source.name(), "operation", operation.name())
                            .register(registry);
                }
            }
            Gauge.builder("tap.reconcile.last.success", () -> snapshot().lastSuccess(name))
                    .description("Epoch seconds of the end of the newest run whose drift detection completed; 0 when none")
                    .baseUnit("seconds").tag("stack", name).register(registry);
            Gauge.builder("tap.approvals.pending", () -> snapshot().pendingApprovals(name))
                    .description("Runs holding a plan until an operator approves it")
                    .tag("stack", name).register(registry);
            Gauge.builder("tap.flapping.resources", () -> snapshot().flapping(name))
                    .description("Resources escalated as flapping (drifted again soon after remediation)")
                    .tag("stack", name).register(registry);
        }
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(snapshot.takenAt().plus(SNAPSHOT_TTL))) {
            snapshot = take(now);
        }
        return snapshot;
    }

    private Snapshot take(Instant now) {
        Map<String, StackStatus> stacks = new HashMap<>();
        Map<String, Map<String, Long>> drift = new HashMap<>();
        try {
            for (StackStatus s : queries.stacks()) {
                stacks.put(s.name(), s);
                Map<String, Long> counts = new HashMap<>();
                queries.latestDrift(s.name()).map(DriftReport::resources).orElse(List.of())
                        .forEach(d -> count(d, counts));
                drift.put(s.name(), counts);
            }
        } catch (RuntimeException e) {
            // A failed read must not break the whole scrape: the gauges show NaN until the next snapshot.
            log.warn("Cannot read reconciler state for metrics: {}", e.toString());
            return new Snapshot(now, null, null);
        }
        return new Snapshot(now, stacks, drift);
    }

    private static void count(ResourceDrift d, Map<String, Long> counts) {
        for (DriftSource s : d.sources()) counts.merge(key(s, d.operation()), 1L, Long::sum);
    }

    private static String key(DriftSource source, Operation operation) {
        return source.name() + '/' + operation.name();
    }

    private record Snapshot(Instant takenAt, Map<String, StackStatus> stacks, Map<String, Map<String, Long>> drift) {

        double driftCount(String stack, DriftSource source, Operation operation) {
            if (drift == null) return Double.NaN;
            return drift.getOrDefault(stack, Map.of()).getOrDefault(key(source, operation), 0L);
        }

        double lastSuccess(String stack) {
            StackStatus s = stack(stack);
            if (s == null) return Double.NaN;
            return s.lastSuccessfulCheckAt() == null ? 0 : s.lastSuccessfulCheckAt().getEpochSecond();
        }

        double pendingApprovals(String stack) {
            StackStatus s = stack(stack);
            if (s == null) return Double.NaN;
            return s.pendingApprovalRunId() == null ? 0 : 1;
        }

        double flapping(String stack) {
            StackStatus s = stack(stack);
            if (s == null) return Double.NaN;
            return s.flappingUrns() == null ? 0 : s.flappingUrns().size();
        }

        private StackStatus stack(String name) {
            return stacks == null ? null : stacks.get(name);
        }
    }
}
