package io.tap.reconciler.reconcile;

import io.tap.reconciler.drift.ManagedResource;
import io.tap.reconciler.engine.EngineAvailability;
import io.tap.reconciler.engine.EngineOperation;
import io.tap.reconciler.engine.EngineResult;
import io.tap.reconciler.engine.StackEngine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Counts the operations a real engine is asked for, and how many overlap; signals when an up starts. */
final class CountingEngine implements StackEngine {

    private final StackEngine delegate;
    final Map<EngineOperation, AtomicInteger> calls = new ConcurrentHashMap<>();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final CountDownLatch upStarted = new CountDownLatch(1);

    CountingEngine(StackEngine delegate) {
        this.delegate = delegate;
    }

    int calls(EngineOperation op) {
        return calls.getOrDefault(op, new AtomicInteger()).get();
    }

    int total() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public EngineResult refreshPreview(String stack) {
        return count(EngineOperation.REFRESH_PREVIEW, () -> delegate.refreshPreview(stack));
    }

    @Override
    public EngineResult preview(String stack) {
        return count(EngineOperation.PREVIEW, () -> delegate.preview(stack));
    }

    @Override
    public EngineResult up(String stack, Set<String> targets) {
        return count(EngineOperation.UP, () -> {
            upStarted.countDown();
            return delegate.up(stack, targets);
        });
    }

    @Override
    public Map<String, Object> outputs(String stack) {
        return delegate.outputs(stack);
    }

    @Override
    public List<ManagedResource> resources(String stack) {
        return delegate.resources(stack);
    }

    @Override
    public void cancel(String stack) {
        delegate.cancel(stack);
    }

    @Override
    public EngineAvailability availability() {
        return delegate.availability();
    }

    private EngineResult count(EngineOperation op, Supplier<EngineResult> body) {
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try {
            return body.get();
        } finally {
            concurrent.decrementAndGet();
        }
    }
}
