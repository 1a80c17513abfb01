package io.tap.reconciler.reconcile;

import io.tap.reconciler.engine.EngineOperation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One engine operation a run performed to act on drift.
 *
 * @param operation     UP, or PREVIEW when verifying
 * @param targets       URNs the operation was restricted to; empty for the whole stack
 * @param duration      wall time
 * @param changeSummary the engine's change summary
 * @param changed       URNs the operation changed (up) or still saw changing (verify)
 */
public record RunAction(EngineOperation operation, List<String> targets, Duration duration,
                        Map<String, Integer> changeSummary, List<String> changed) {

    public RunAction {
        targets = List.copyOf(targets);
        changeSummary = Map.copyOf(changeSummary);
        changed = List.copyOf(changed);
    }
}
