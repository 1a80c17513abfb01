package io.tap.reconciler.observability;

import io.tap.reconciler.engine.EngineAvailability;
import io.tap.reconciler.engine.StackEngine;
import io.tap.reconciler.reconcile.ReconcileQueries;
import io.tap.reconciler.reconcile.StackStatus;
import io.tap.reconciler.validation.ValidationReport;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Readiness of the reconciler: DOWN when the engine cannot start or when a stack's newest
 * successful drift check is too old ({@link Freshness}). Reads recorded state only, so a probe is cheap.
 */
final class ReconcilerHealthIndicator implements HealthIndicator {

    private final ReconcileQueries queries;
    private final Supplier<EngineAvailability> engine;
    private final Clock clock;
    private final Instant startedAt;
    private final Function<String, Optional<ValidationReport>> validation;

    ReconcilerHealthIndicator(ReconcileQueries queries, Supplier<EngineAvailability> engine, Clock clock) {
        this(queries, engine, clock, stack -> Optional.empty());
    }

    /** With the newest validation report of each stack in the details (it never makes readiness DOWN). */
    ReconcilerHealthIndicator(ReconcileQueries queries, Supplier<EngineAvailability> engine, Clock clock,
                              Function<String, Optional<ValidationReport>> validation) {
        this.validation = validation;
        this.queries = queries;
        this.engine = engine;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Availability of the engine, or a clear problem when there is no engine at all. */
    static Supplier<EngineAvailability> availabilityOf(StackEngine engine) {
        return engine == null
                ? () -> new EngineAvailability(false, null, "no StackEngine is configured")
                : engine::availability;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        boolean down = false;
        Map<String, Object> engineDetails = new LinkedHashMap<>();
        EngineAvailability availability;
        try {
            availability = engine.get();
        } catch (RuntimeException e) {
            availability = new EngineAvailability(false, null, "availability check failed: " + e.getClass().getSimpleName());
        }
        engineDetails.put("available", availability.available());
        if (availability.version() != null) engineDetails.put("version", availability.version());
        if (!availability.available()) {
            down = true;
            engineDetails.put("problem", availability.problem());
        }
        Map<String, Object> stacks = new LinkedHashMap<>();
        for (StackStatus stack : queries.stacks()) {
            Freshness f = Freshness.of(stack, startedAt, now);
            down |= f.state() == Freshness.State.STALE;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("status", f.state() == Freshness.State.STALE ? "DOWN" : "UP");
            d.put("freshness", f.state().name());
            d.put("reason", f.describe(stack));
            if (stack.lastSuccessfulCheckAt() != null) d.put("lastSuccessfulCheckAt", stack.lastSuccessfulCheckAt().toString());
            d.put("staleAfter", f.staleAfter().toString());
            validation.apply(stack.name()).ifPresent(v -> d.put("validation", Map.of(
                    "checkedAt", v.finishedAt().toString(),
                    "counts", v.counts(),
                    "failing", v.failures().stream().map(r -> r.key()).toList())));
            stacks.put(stack.name(), d);
        }
        return (down ? Health.down() : Health.up())
                .withDetail("engine", engineDetails)
                .withDetail("stacks", stacks)
                .build();
    }
}
