package io.tap.reconciler.engine;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.DiagnosticEvent;
import com.pulumi.automation.events.DiffKind;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.PropertyDiff;
import com.pulumi.automation.events.StepEventMetadata;
import com.pulumi.automation.events.StepEventStateMetadata;
import com.pulumi.automation.events.SummaryEvent;
import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns the engine events of one operation into drift entries: one {@link ResourceDrift} per URN,
 * with a {@link PropertyChange} per changed property path (input or output, old and new value
 * rendered, secrets as {@code [secret]}).
 *
 * <p>Previews and updates describe a step before it runs ({@code ResourcePreEvent}). A refresh only
 * knows what changed after reading the resource, so for refreshes the result comes from the
 * {@code ResourceOutputsEvent}, whose operation is the refresh result (update, or delete when the
 * resource is gone) and whose diff is "state → cloud".
 *
 * <p>Not thread-safe for concurrent {@link #accept} calls; the engine delivers events from one thread.
 */
public final class EngineEventMapper implements Consumer<EngineEvent> {

    private final DriftSource source;
    private final boolean refresh;
    private final SecretMasker masker;
    private final Map<String, ResourceDrift> byUrn = new LinkedHashMap<>();
    private final Map<String, Integer> summary = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();

    EngineEventMapper(DriftSource source, boolean refresh, SecretMasker masker) {
        this.source = source;
        this.refresh = refresh;
        this.masker = masker;
    }

    /** A mapper for a preview or update (code drift), masking only the engine's own secret markers. */
    public static EngineEventMapper forPreview() {
        return new EngineEventMapper(DriftSource.CODE, false, new SecretMasker());
    }

    /** A mapper for a refresh preview (cloud drift), masking only the engine's own secret markers. */
    public static EngineEventMapper forRefresh() {
        return new EngineEventMapper(DriftSource.CLOUD, true, new SecretMasker());
    }

    @Override
    public void accept(EngineEvent event) {
        if (event.resourcePreEvent() != null && !refresh) {
            onStep(event.resourcePreEvent().metadata());
        } else if (event.resourceOutputsEvent() != null && refresh) {
            onStep(event.resourceOutputsEvent().metadata());
        } else if (event.summaryEvent() != null) {
            onSummary(event.summaryEvent());
        } else if (event.diagnosticEvent() != null) {
            onDiagnostic(event.diagnosticEvent());
        }
    }

    /** The drift seen so far, in event order, one entry per URN. */
    public List<ResourceDrift> drifts() {
        return List.copyOf(byUrn.values());
    }

    /** The engine's change summary ({@code update -> 2, same -> 14}); empty before the summary event. */
    public Map<String, Integer> changeSummary() {
        return Collections.unmodifiableMap(summary);
    }

    /** Error diagnostics the engine reported, masked; used to explain a failed operation. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    private void onStep(StepEventMetadata md) {
        if (md == null || md.urn() == null) return;
        Operation op = operation(md);
        if (op == null) return;
        List<PropertyChange> changes = changes(md);
        List<String> notes = op == Operation.CREATE && refresh ? List.of("deleted outside Pulumi") : List.of();
        ResourceDrift drift = new ResourceDrift(md.urn(), md.type(), op, Set.of(source), changes, notes);
        byUrn.merge(md.urn(), drift, ResourceDrift::mergedWith);
    }

    /** What converging the resource would do, or null when the step is no change. */
    private Operation operation(StepEventMetadata md) {
        OperationType op = md.op();
        if (op == null) return null;
        if (refresh) {
            return switch (op) {
                case UPDATE -> replaces(md) ? Operation.REPLACE : Operation.UPDATE;
                case DELETE -> Operation.CREATE; // gone from the cloud: an update would create it again
                default -> null;
            };
        }
        return switch (op) {
            case UPDATE -> Operation.UPDATE;
            case CREATE, IMPORT -> Operation.CREATE;
            case DELETE -> Operation.DELETE;
            case REPLACE, CREATE_REPLACEMENT, DELETE_REPLACED, READ_REPLACEMENT, IMPORT_REPLACEMENT -> Operation.REPLACE;
            default -> null; // SAME, READ, REFRESH, discards: nothing to converge
        };
    }

    private static boolean replaces(StepEventMetadata md) {
        Map<String, PropertyDiff> dd = md.detailedDiff();
        if (dd == null) return false;
        for (PropertyDiff d : dd.values()) {
            DiffKind k = d.kind();
            if (k == DiffKind.ADD_REPLACE || k == DiffKind.UPDATE_REPLACE || k == DiffKind.DELETE_REPLACE) return true;
        }
        return false;
    }

    private List<PropertyChange> changes(StepEventMetadata md) {
        StepEventStateMetadata oldState = md.old();
        StepEventStateMetadata newState = md.new_();
        Map<String, PropertyDiff> detailed = md.detailedDiff();
        List<PropertyChange> out = new ArrayList<>();
        if (detailed != null && !detailed.isEmpty()) {
            for (Map.Entry<String, PropertyDiff> e : detailed.entrySet()) {
                String path = e.getKey();
                PropertyDiff d = e.getValue();
                boolean input = d.isInputDiff();
                out.add(change(path, kind(d.kind()), input, oldState, newState));
            }
            return out;
        }
        List<String> diffs = md.diffs();
        if (diffs != null && !diffs.isEmpty()) {
            for (String key : diffs) {
                leafChanges(key, true, oldState, newState, out);
            }
            return out;
        }
        if (refresh && oldState != null && newState != null) {
            // no provider diff (e.g. built-in resources): compare the recorded outputs with the cloud's
            Set<String> keys = new HashSet<>();
            if (oldState.outputs() != null) keys.addAll(oldState.outputs().keySet());
            if (newState.outputs() != null) keys.addAll(newState.outputs().keySet());
            for (String key : keys) {
                Object o = PropertyPath.lookup(oldState.outputs(), key);
                Object n = PropertyPath.lookup(newState.outputs(), key);
                if (!java.util.Objects.equals(o, n)) leafChanges(key, false, oldState, newState, out);
            }
        }
        return out;
    }

    /**
     * Without a detailed diff the engine names only top-level keys; where both sides are objects,
     * report the changed leaves ({@code outputs.endpoint}) rather than the whole object.
     */
    private void leafChanges(String path, boolean input, StepEventStateMetadata oldState,
                             StepEventStateMetadata newState, List<PropertyChange> out) {
        Object o = oldState == null ? PropertyPath.ABSENT
                : PropertyPath.lookup(input ? oldState.inputs() : oldState.outputs(), path);
        Object n = newState == null ? PropertyPath.ABSENT
                : PropertyPath.lookup(input ? newState.inputs() : newState.outputs(), path);
        if (o instanceof Map<?, ?> om && n instanceof Map<?, ?> nm
                && !SecretMasker.isSecretEnvelope(o) && !SecretMasker.isSecretEnvelope(n)) {
            Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
            keys.addAll(om.keySet());
            keys.addAll(nm.keySet());
            for (Object k : keys) {
                if (!java.util.Objects.equals(om.get(k), nm.get(k)) || om.containsKey(k) != nm.containsKey(k)) {
                    leafChanges(PropertyPath.child(path, String.valueOf(k)), input, oldState, newState, out);
                }
            }
            return;
        }
        out.add(change(path, null, input, oldState, newState));
    }

    private PropertyChange change(String path, ChangeKind kind, boolean input,
                                  StepEventStateMetadata oldState, StepEventStateMetadata newState) {
        Object o = oldState == null ? PropertyPath.ABSENT
                : PropertyPath.lookup(input ? oldState.inputs() : oldState.outputs(), path);
        Object n = newState == null ? PropertyPath.ABSENT
                : PropertyPath.lookup(input ? newState.inputs() : newState.outputs(), path);
        if (kind == null) {
            kind = o == PropertyPath.ABSENT ? ChangeKind.ADD : n == PropertyPath.ABSENT ? ChangeKind.DELETE : ChangeKind.UPDATE;
        }
        String oldValue = kind == ChangeKind.ADD || o == PropertyPath.ABSENT ? null : masker.render(o);
        String newValue = kind == ChangeKind.DELETE || n == PropertyPath.ABSENT ? null : masker.render(n);
        return new PropertyChange(masker.mask(path), kind, input, oldValue, newValue);
    }

    private static ChangeKind kind(DiffKind kind) {
        if (kind == null) return ChangeKind.UPDATE;
        return switch (kind) {
            case ADD, ADD_REPLACE -> ChangeKind.ADD;
            case DELETE, DELETE_REPLACE -> ChangeKind.DELETE;
            case UPDATE, UPDATE_REPLACE -> ChangeKind.UPDATE;
        };
    }

    private void onSummary(SummaryEvent e) {
        if (e.resourceChanges() == null) return;
        e.resourceChanges().forEach((op, n) -> {
            if (op != null && n != null) summary.merge(op.name().toLowerCase(Locale.ROOT), n, Integer::sum);
        });
    }

    private void onDiagnostic(DiagnosticEvent d) {
        if ("error".equalsIgnoreCase(d.severity()) && d.message() != null && errors.size() < 50) {
            errors.add(masker.mask(stripAnsi(d.message()).strip()));
        }
    }

    static String stripAnsi(String s) {
        return s.replaceAll("\u001B\\[[;\\d]*m", "").replaceAll("<\\{%[a-z]*%}>", "");
    }
}
