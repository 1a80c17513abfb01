package io.tap.reconciler.support.pulumi;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.DiagnosticEvent;
import com.pulumi.automation.events.DiffKind;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.PropertyDiff;
import com.pulumi.automation.events.ResourceOutputsEvent;
import com.pulumi.automation.events.ResourcePreEvent;
import com.pulumi.automation.events.StepEventMetadata;
import com.pulumi.automation.events.StepEventStateMetadata;
import com.pulumi.automation.events.SummaryEvent;

import java.util.List;
import java.util.Map;

/**
 * Builds Automation API engine events in tests and benchmarks, shaped like the ones the CLI writes
 * to its event log (property maps as Gson would parse them: strings, doubles, maps, lists).
 */
public final class EngineEvents {

    /** The engine's marker for a secret value in event JSON. */
    public static final Map<String, Object> SECRET = Map.of(
            "4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270", "value", "[secret]");

    private EngineEvents() {
    }

    /** A resource state as it appears in {@code old}/{@code new} of a step. */
    public static StepEventStateMetadata state(String urn, String type, Map<String, Object> inputs,
                                               Map<String, Object> outputs) {
        return new StepEventStateMetadata(urn, type, true, false, "id-" + urn.hashCode(), null, false, inputs, outputs,
                null, List.of());
    }

    /** Step metadata with a detailed diff. */
    public static StepEventMetadata step(OperationType op, String urn, String type, StepEventStateMetadata old,
                                         StepEventStateMetadata next, Map<String, PropertyDiff> detailedDiff) {
        List<String> keys = detailedDiff == null ? List.of()
                : detailedDiff.keySet().stream().map(k -> k.split("[.\\[]")[0]).distinct().toList();
        return new StepEventMetadata(op, urn, type, old, next, keys, keys, detailedDiff, false, null);
    }

    /** Step metadata with only the top-level {@code diffs} (no detailed diff), as built-in resources report. */
    public static StepEventMetadata stepWithDiffs(OperationType op, String urn, String type,
                                                  StepEventStateMetadata old, StepEventStateMetadata next,
                                                  List<String> diffs) {
        return new StepEventMetadata(op, urn, type, old, next, diffs, diffs, null, false, null);
    }

    public static PropertyDiff input(DiffKind kind) {
        return new PropertyDiff(kind, true);
    }

    public static PropertyDiff output(DiffKind kind) {
        return new PropertyDiff(kind, false);
    }

    /** A {@code ResourcePreEvent} (previews and updates). */
    public static EngineEvent pre(StepEventMetadata md) {
        return new EngineEvent(0, 0, null, null, null, null, null, new ResourcePreEvent(md, true), null, null, null);
    }

    /** A {@code ResourceOutputsEvent} (refresh results). */
    public static EngineEvent outputs(StepEventMetadata md) {
        return new EngineEvent(0, 0, null, null, null, null, null, null, new ResourceOutputsEvent(md, true), null, null);
    }

    public static EngineEvent summary(Map<OperationType, Integer> changes) {
        return new EngineEvent(0, 0, null, null, null, null, new SummaryEvent(false, 1, changes, Map.of()),
                null, null, null, null);
    }

    public static EngineEvent diagnostic(String severity, String message) {
        return new EngineEvent(0, 0, null, null, new DiagnosticEvent(null, null, message, "never", severity, null, false),
                null, null, null, null, null, null);
    }
}
