package io.tap.reconciler.compliance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest compliance of each stack, kept for metrics, the actuator and the API. Gauges
 * {@code tap.compliance.noncompliant.rules} and {@code tap.compliance.noncompliant.resources} are tagged by
 * stack and region only; a region that could not be read keeps its last known values (its failure is
 * counted in {@code tap.compliance.read.errors} and listed in the snapshot) until it is read again.
 */
public final class ComplianceState {

    /**
     * The latest read of a stack.
     *
     * @param stack   stack name
     * @param regions regions that were read
     * @param report  what was found
     * @param readAt  when the read finished
     */
    public record Snapshot(String stack, List<String> regions, ComplianceReport report, Instant readAt) {
        public Snapshot {
            regions = List.copyOf(regions);
        }
    }

    private record Key(String stack, String region) {
    }

    private record Counts(double rules, double resources) {
    }

    private final MeterRegistry registry;
    private final Map<String, Snapshot> latest = new ConcurrentHashMap<>();
    private final Map<Key, Counts> counts = new ConcurrentHashMap<>();
    private final Map<String, List<ConfigRemediation>> remediations = new ConcurrentHashMap<>();

    public ComplianceState(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records a finished read and updates the gauges of every region that was read successfully. */
    public void record(String stack, List<String> regions, ComplianceReport report, Instant readAt) {
        latest.put(stack, new Snapshot(stack, regions, report, readAt));
        for (String region : regions) {
            Key key = new Key(stack, region);
            registerGauges(key);
            boolean failed = report.errors().stream().anyMatch(e -> e.region().equals(region));
            if (failed) continue;
            long resources = report.findings().stream().filter(f -> f.region().equals(region))
                    .map(f -> f.resourceType() + '\u0000' + f.resourceId()).distinct().count();
            counts.put(key, new Counts(report.nonCompliantRules().getOrDefault(region, 0), resources));
        }
        for (ComplianceReport.RegionError e : report.errors()) {
            Counter.builder("tap.compliance.read.errors")
                    .description("AWS Config reads of a region that failed after the SDK's retries")
                    .tags("stack", stack, "region", e.region(), "retryable", Boolean.toString(e.retryable()))
                    .register(registry).increment();
        }
    }

    /** The latest read of a stack, if any. */
    public Optional<Snapshot> latest(String stack) {
        return Optional.ofNullable(latest.get(stack));
    }

    /** Records the latest AWS Config remediations of a stack, replacing the previous ones. */
    void recordRemediations(String stack, List<ConfigRemediation> latestRemediations) {
        remediations.put(stack, List.copyOf(latestRemediations));
    }

    /** The latest AWS Config remediations of a stack with their last known execution state; empty if none. */
    public List<ConfigRemediation> remediations(String stack) {
        return remediations.getOrDefault(stack, List.of());
    }

    private void registerGauges(Key key) {
        if (counts.containsKey(key)) return;
        counts.putIfAbsent(key, new Counts(Double.NaN, Double.NaN));
        Gauge.builder("tap.compliance.noncompliant.rules", counts, m -> m.get(key).rules())
                .description("AWS Config rules that are NON_COMPLIANT, as of the latest successful read")
                .tags("stack", key.stack(), "region", key.region())
                .register(registry);
        Gauge.builder("tap.compliance.noncompliant.resources", counts, m -> m.get(key).resources())
                .description("Resources that AWS Config reports NON_COMPLIANT, as of the latest successful read")
                .tags("stack", key.stack(), "region", key.region())
                .register(registry);
    }
}
