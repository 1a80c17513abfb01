package io.tap.reconciler.api;

import io.tap.reconciler.drift.ManagedResource;
import io.tap.reconciler.engine.EngineAvailability;
import io.tap.reconciler.engine.EngineResult;
import io.tap.reconciler.engine.StackEngine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** An engine that only reports availability: observability must never run engine operations. */
public final class FakeEngine implements StackEngine {

    private volatile EngineAvailability availability = new EngineAvailability(true, "v3.276.0", null);

    public void setAvailability(EngineAvailability availability) {
        this.availability = availability;
    }

    @Override
    public EngineAvailability availability() {
        return availability;
    }

    @Override
    public EngineResult refreshPreview(String stack) {
        throw new AssertionError("observability must not run the engine");
    }

    @Override
    public EngineResult preview(String stack) {
        throw new AssertionError("observability must not run the engine");
    }

    @Override
    public EngineResult up(String stack, Set<String> targets) {
        throw new AssertionError("observability must not run the engine");
    }

    @Override
    public Map<String, Object> outputs(String stack) {
        throw new AssertionError("observability must not run the engine");
    }

    @Override
    public List<ManagedResource> resources(String stack) {
        throw new AssertionError("observability must not run the engine");
    }

    @Override
    public void cancel(String stack) {
        throw new AssertionError("observability must not run the engine");
    }
}
