package io.tap.reconciler.drift;

import java.util.Comparator;
import java.util.Objects;

/**
 * One attribute difference of a resource.
 *
 * @param path     property path as the engine reports it, e.g. {@code tags.Owner} or {@code ingress[0].cidrBlocks}
 * @param kind     add, update or delete
 * @param input    true for an input property, false for an output
 * @param oldValue rendered old value, {@code null} when unknown; secrets are already {@code [secret]}
 * @param newValue rendered new value, {@code null} when unknown; secrets are already {@code [secret]}
 */
public record PropertyChange(String path, ChangeKind kind, boolean input, String oldValue, String newValue) {

    /** Stable order used for fingerprints and output. */
    public static final Comparator<PropertyChange> ORDER = Comparator.comparing(PropertyChange::path)
            .thenComparing(PropertyChange::input)
            .thenComparing(PropertyChange::kind);

    public PropertyChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }
}
