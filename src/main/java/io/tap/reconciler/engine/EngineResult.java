package io.tap.reconciler.engine;

import io.tap.reconciler.drift.ResourceDrift;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one successful engine operation.
 *
 * @param operation     which operation ran
 * @param duration      wall time of the operation
 * @param changeSummary the engine's change summary, e.g. {@code update -> 2, same -> 14}
 * @param resources     the resources that would change (previews) or did change (up)
 */
public record EngineResult(EngineOperation operation, Duration duration, Map<String, Integer> changeSummary,
                           List<ResourceDrift> resources) {

    public EngineResult {
        changeSummary = Map.copyOf(changeSummary);
        resources = List.copyOf(resources);
    }
}
