package io.tap.reconciler.engine;

import io.tap.reconciler.drift.ManagedResource;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives one Pulumi stack. Implementations throw {@link EngineException} subclasses, never raw
 * Automation API exceptions, and never let a secret value out.
 */
public interface StackEngine {

    /** Refresh in preview mode: what differs between the cloud and the stack's state. */
    EngineResult refreshPreview(String stack);

    /** Preview: what the program would change against the stack's state. */
    EngineResult preview(String stack);

    /** Update with refresh; restricted to {@code targets} (URNs) when non-empty. */
    EngineResult up(String stack, Set<String> targets);

    /** Stack outputs; secret outputs are rendered as {@code [secret]}. */
    Map<String, Object> outputs(String stack);

    /** The resources recorded in the stack's state, for mapping outside findings to URNs. */
    List<ManagedResource> resources(String stack);

    /** Cancels a running operation of the stack, if any. */
    void cancel(String stack);

    /** Whether the engine can run at all (e.g. the CLI is installed and recent enough). Cheap and cached. */
    EngineAvailability availability();
}
