package io.tap.reconciler.validation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tap.reconciler.config.ValidationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Continuous validation as the reconciler and the API see it: validates a stack from its outputs,
 * keeps the newest report per stack, and publishes {@code tap.validation.checks} (a gauge per stack,
 * region, check and result: 1 for the check's current result, 0 for the others). It never remediates.
 */
public class ValidationService {

    private static final Logger log = LoggerFactory.getLogger(ValidationService.class);

    private final ValidationRunner runner;
    private final ValidationProperties properties;
    private final MeterRegistry meters;
    private final ValidationResults stored;
    private final Map<String, ValidationReport> latest = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicInteger> gauges = new ConcurrentHashMap<>();

    /** Keeps reports in memory only. */
    public ValidationService(ValidationRunner runner, ValidationProperties properties, MeterRegistry meters) {
        this(runner, properties, meters, null);
    }

    /** Also stores each run's report with the run, when {@code stored} is not {@code null}. */
    public ValidationService(ValidationRunner runner, ValidationProperties properties, MeterRegistry meters,
                             ValidationResults stored) {
        this.runner = runner;
        this.properties = properties;
        this.meters = meters;
        this.stored = stored;
    }

    /** Whether validation runs at all ({@code tap.validation.enabled}). */
    public boolean enabled() {
        return properties.enabled();
    }

    /**
     * Validates a stack from its exported outputs; empty when validation is disabled. Never throws for
     * a failing or unreachable estate: those are FAIL and ERROR results.
     */
    public Optional<ValidationReport> validate(String stack, String runId, Map<String, Object> outputs) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        ValidationReport report = runner.run(stack, runId, new StackOutputs(outputs));
        latest.put(stack, report);
        publish(report);
        store(report);
        log.info("Validation of {}: {}", stack, report.counts());
        return Optional.of(report);
    }

    /** The newest report of a stack (after a restart, the stored one), empty before its first validation. */
    public Optional<ValidationReport> latest(String stack) {
        ValidationReport report = latest.get(stack);
        if (report != null || stored == null) {
            return Optional.ofNullable(report);
        }
        return stored.latest(stack);
    }

    /** The report of one run, if it was validated and stored. */
    public Optional<ValidationReport> forRun(String runId) {
        return stored == null ? Optional.empty() : stored.forRun(runId);
    }

    private void store(ValidationReport report) {
        if (stored == null) {
            return;
        }
        try {
            stored.save(report);
        } catch (RuntimeException e) {
            // The results still reach the run's alerts, metrics and API from memory; only history misses them.
            log.warn("Validation results of run {} could not be stored: {}", report.runId(), e.getMessage());
        }
    }

    private void publish(ValidationReport report) {
        for (CheckResult r : report.results()) {
            for (CheckStatus status : CheckStatus.values()) {
                String result = status.name().toLowerCase(Locale.ROOT);
                gauges.computeIfAbsent(List.of(report.stack(), r.region(), r.check(), result), k -> {
                    AtomicInteger value = new AtomicInteger();
                    Gauge.builder("tap.validation.checks", value, AtomicInteger::get)
                            .description("1 when the check's newest result is this result, else 0")
                            .tags("stack", k.get(0), "region", k.get(1), "check", k.get(2), "result", k.get(3))
                            .register(meters);
                    return value;
                }).set(status == r.status() ? 1 : 0);
            }
        }
    }
}
