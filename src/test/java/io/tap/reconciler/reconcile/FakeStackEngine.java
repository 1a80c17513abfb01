package io.tap.reconciler.reconcile;

import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.ManagedResource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.engine.EngineAvailability;
import io.tap.reconciler.engine.EngineException;
import io.tap.reconciler.engine.EngineOperation;
import io.tap.reconciler.engine.EngineResult;
import io.tap.reconciler.engine.StackEngine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link StackEngine} for unit tests of the pipeline and the scheduler (the boundary the
 * {@code *IT} tests cover with the real pulumi CLI). Drift stays until an {@code up} targets it, unless it is
 * "sticky"; operations can be made to fail or to block until released or cancelled.
 */
class FakeStackEngine implements StackEngine {

    final Map<EngineOperation, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<Set<String>> upTargets = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ResourceDrift> cloud = new ArrayList<>();
    private final List<ResourceDrift> code = new ArrayList<>();
    private final Set<String> sticky = new HashSet<>();
    private final Deque<EngineException> failures = new ArrayDeque<>();
    private volatile EngineOperation failOn;
    private volatile CountDownLatch gate;
    private final CountDownLatch entered = new CountDownLatch(1);
    private volatile boolean cancelled;
    private volatile boolean ignoreCancel;
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();

    static ResourceDrift drift(String name, String type, Operation op, DriftSource source) {
        return ResourceDrift.of("urn:pulumi:prod::tap::" + type + "::" + name, type, op, source,
                List.of(new PropertyChange("tags.Owner", ChangeKind.UPDATE, true, "platform-team", "someone")));
    }

    synchronized FakeStackEngine cloudDrift(ResourceDrift... d) {
        cloud.addAll(List.of(d));
        return this;
    }

    synchronized FakeStackEngine codeDrift(ResourceDrift... d) {
        code.addAll(List.of(d));
        return this;
    }

    synchronized FakeStackEngine sticky(String urn) {
        sticky.add(urn);
        return this;
    }

    /** The next operation {@code op} throws {@code e} (repeatable: queue several). */
    synchronized FakeStackEngine failNext(EngineOperation op, EngineException e) {
        failOn = op;
        failures.add(e);
        return this;
    }

    /** Blocks every operation until {@link #release()} or {@link #cancel}. */
    FakeStackEngine block() {
        gate = new CountDownLatch(1);
        return this;
    }

    FakeStackEngine ignoreCancel() {
        ignoreCancel = true;
        return this;
    }

    void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) g.countDown();
    }

    boolean awaitEntered(Duration timeout) throws InterruptedException {
        return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int calls(EngineOperation op) {
        return calls.getOrDefault(op, new AtomicInteger()).get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public EngineResult refreshPreview(String stack) {
        return op(EngineOperation.REFRESH_PREVIEW, () -> List.copyOf(cloud));
    }

    @Override
    public EngineResult preview(String stack) {
        return op(EngineOperation.PREVIEW, () -> List.copyOf(code));
    }

    @Override
    public EngineResult up(String stack, Set<String> targets) {
        upTargets.add(Set.copyOf(targets));
        return op(EngineOperation.UP, () -> {
            List<ResourceDrift> changed = new ArrayList<>();
            for (List<ResourceDrift> list : List.of(cloud, code)) {
                list.removeIf(d -> {
                    boolean fixed = (targets.isEmpty() || targets.contains(d.urn())) && !sticky.contains(d.urn());
                    if (fixed) changed.add(d);
                    return fixed;
                });
            }
            // a sticky resource keeps showing up in the verifying preview
            cloud.stream().filter(d -> sticky.contains(d.urn()) && code.stream().noneMatch(c -> c.urn().equals(d.urn())))
                    .map(d -> new ResourceDrift(d.urn(), d.type(), Operation.UPDATE, Set.of(DriftSource.CODE),
                            d.changes(), List.of()))
                    .toList().forEach(code::add);
            return changed;
        });
    }

    @Override
    public Map<String, Object> outputs(String stack) {
        return Map.of();
    }

    @Override
    public List<ManagedResource> resources(String stack) {
        return List.of();
    }

    @Override
    public void cancel(String stack) {
        cancelled = true;
        CountDownLatch g = gate;
        if (g != null && !ignoreCancel) g.countDown();
    }

    @Override
    public EngineAvailability availability() {
        return new EngineAvailability(true, "fake", null);
    }

    private EngineResult op(EngineOperation op, java.util.function.Supplier<List<ResourceDrift>> body) {
        calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                boolean interrupted = false;
                while (true) {
                    try {
                        g.await();
                        break;
                    } catch (InterruptedException e) {
                        if (!ignoreCancel) {
                            Thread.currentThread().interrupt();
                            throw new EngineException(EngineException.Kind.CANCELLED, op + " cancelled", "", e);
                        }
                        interrupted = true; // like an engine process that does not react to the cancel
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
                if (cancelled && !ignoreCancel) {
                    throw new EngineException(EngineException.Kind.CANCELLED, op + " cancelled", "", null);
                }
            }
            synchronized (this) {
                if (failOn == op && !failures.isEmpty()) {
                    EngineException e = failures.poll();
                    if (failures.isEmpty()) failOn = null;
                    throw e;
                }
                List<ResourceDrift> resources = body.get();
                return new EngineResult(op, Duration.ofMillis(1), Map.of("update", resources.size()), resources);
            }
        } finally {
            concurrent.decrementAndGet();
        }
    }
}
