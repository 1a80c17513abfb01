package io.tap.reconciler.drift;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drift of one resource, possibly seen by several sources.
 *
 * @param urn       Pulumi URN, or for an unmanaged compliance finding the AWS ARN or id
 * @param type      Pulumi type token (e.g. {@code aws:s3/bucketV2:BucketV2}) or the AWS resource type when unmanaged
 * @param operation what converging it would do
 * @param sources   who saw it
 * @param changes   attribute-level differences, sorted by {@link PropertyChange#ORDER}
 * @param notes     human evidence, e.g. a Config rule name and annotation; sorted, no duplicates
 */
public record ResourceDrift(String urn, String type, Operation operation, Set<DriftSource> sources,
                            List<PropertyChange> changes, List<String> notes) {

    public ResourceDrift {
        Objects.requireNonNull(urn, "urn");
        Objects.requireNonNull(operation, "operation");
        sources = sources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sources));
        changes = changes.stream().sorted(PropertyChange.ORDER).toList();
        notes = List.copyOf(new TreeSet<>(notes));
    }

    /** A resource seen by one source. */
    public static ResourceDrift of(String urn, String type, Operation operation, DriftSource source,
                                   List<PropertyChange> changes) {
        return new ResourceDrift(urn, type, operation, Set.of(source), changes, List.of());
    }

    /** Combines two views of the same URN: union of sources and notes, the more disruptive operation. */
    public ResourceDrift mergedWith(ResourceDrift other) {
        if (!urn.equals(other.urn)) {
            throw new IllegalArgumentException("cannot merge " + urn + " with " + other.urn);
        }
        Set<DriftSource> s = EnumSet.noneOf(DriftSource.class);
        s.addAll(sources);
        s.addAll(other.sources);
        Map<String, PropertyChange> byKey = new LinkedHashMap<>();
        for (PropertyChange c : changes) byKey.put(key(c), c);
        for (PropertyChange c : other.changes) byKey.putIfAbsent(key(c), c);
        List<String> n = new java.util.ArrayList<>(notes);
        n.addAll(other.notes);
        return new ResourceDrift(urn, type != null ? type : other.type, operation.max(other.operation), s,
                List.copyOf(byKey.values()), n);
    }

    private static String key(PropertyChange c) {
        return c.path() + '\u0000' + c.input();
    }
}
