package io.tap.reconciler.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code tap.alerts} counts alerts by {@code kind} and {@code result} (queued, sent, failed — a failed
 * send is retried); {@code tap.alerts.outbox.unsent} is the outbox backlog as of the last dispatch pass.
 */
final class AlertMetrics {

    static final String ALERTS = "tap.alerts";
    static final String UNSENT = "tap.alerts.outbox.unsent";

    private final MeterRegistry registry;
    private final AtomicLong unsent = new AtomicLong();

    AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(UNSENT, unsent, AtomicLong::get)
                .description("Alerts in the outbox not yet accepted by SNS")
                .register(registry);
    }

    void count(AlertKind kind, String result) {
        Counter.builder(ALERTS).description("Alerts by kind and result")
                .tag("kind", kind.name()).tag("result", result)
                .register(registry).increment();
    }

    void unsent(long n) {
        unsent.set(n);
    }
}
