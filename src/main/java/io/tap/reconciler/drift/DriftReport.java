package io.tap.reconciler.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merged drift of one stack at one moment: one entry per resource, sorted by URN.
 *
 * @param stack     stack name
 * @param checkedAt when the detection finished
 * @param resources one entry per URN
 */
public record DriftReport(String stack, Instant checkedAt, List<ResourceDrift> resources) {

    public DriftReport {
        resources = List.copyOf(resources);
    }

    /** A report with no drift. */
    public static DriftReport clean(String stack, Instant checkedAt) {
        return new DriftReport(stack, checkedAt, List.of());
    }

    /** Merges the results of several detections; entries with the same URN become one. */
    @SafeVarargs
    public static DriftReport merge(String stack, Instant checkedAt, Collection<ResourceDrift>... parts) {
        Map<String, ResourceDrift> byUrn = new TreeMap<>();
        for (Collection<ResourceDrift> part : parts) {
            for (ResourceDrift d : part) {
                byUrn.merge(d.urn(), d, ResourceDrift::mergedWith);
            }
        }
        return new DriftReport(stack, checkedAt, List.copyOf(byUrn.values()));
    }

    /** True when nothing drifted from any source. */
    public boolean isClean() {
        return resources.isEmpty();
    }

    /** Number of resources per operation. */
    public Map<Operation, Long> countsByOperation() {
        Map<Operation, Long> counts = new EnumMap<>(Operation.class);
        for (ResourceDrift d : resources) counts.merge(d.operation(), 1L, Long::sum);
        return counts;
    }

    /** Number of resources per source; a resource seen by two sources counts for both. */
    public Map<DriftSource, Long> countsBySource() {
        Map<DriftSource, Long> counts = new EnumMap<>(DriftSource.class);
        for (ResourceDrift d : resources) {
            for (DriftSource s : d.sources()) counts.merge(s, 1L, Long::sum);
        }
        return counts;
    }

    /**
     * A stable digest of what drifted: the same drift gives the same value regardless of order or
     * detection time. Clean reports have the fingerprint {@code "clean"}.
     */
    public String fingerprint() {
        if (isClean()) return "clean";
        MessageDigest sha = sha256();
        for (ResourceDrift d : resources) {
            update(sha, d.urn(), d.operation().name(), d.sources().stream().map(Enum::name).sorted().toList().toString());
            for (PropertyChange c : d.changes()) {
                update(sha, c.path(), c.kind().name(), Boolean.toString(c.input()),
                        String.valueOf(c.oldValue()), String.valueOf(c.newValue()));
            }
            for (String n : d.notes()) update(sha, n);
            sha.update((byte) 0x1e);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static void update(MessageDigest sha, String... fields) {
        for (String f : fields) {
            sha.update(f.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x1f);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }
}
