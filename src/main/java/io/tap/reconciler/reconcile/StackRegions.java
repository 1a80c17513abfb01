package io.tap.reconciler.reconcile;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.Objects;

/**
 * The AWS regions a stack's resources live in: the regions of the TAP topology ({@code tap.topology.regions}).
 * Compliance is read there and alerts name them.
 */
class StackRegions {

    private final List<String> regions;

    StackRegions(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    static StackRegions from(Environment environment) {
        List<RegionName> entries = Binder.get(environment)
                .bind("tap.topology.regions", Bindable.listOf(RegionName.class))
                .orElse(List.of());
        return new StackRegions(entries.stream().map(RegionName::name).filter(Objects::nonNull).toList());
    }

    List<String> of(String stack) {
        return regions;
    }

    /** Only the name of a topology region entry. */
    record RegionName(String name) {
    }
}
