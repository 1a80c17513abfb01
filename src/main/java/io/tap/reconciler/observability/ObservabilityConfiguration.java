package io.tap.reconciler.observability;

import io.tap.reconciler.engine.StackEngine;
import io.tap.reconciler.reconcile.ReconcileQueries;
import io.tap.reconciler.validation.ValidationService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Optional;

/** Health contributor {@code reconciler}, the {@code reconciliation} endpoint and the state gauges. */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    /** Contributes as {@code reconciler}; the readiness group includes it (application.yml). */
    @Bean
    ReconcilerHealthIndicator reconcilerHealthIndicator(ReconcileQueries queries, ObjectProvider<StackEngine> engine,
                                                        ObjectProvider<Clock> clock,
                                                        ObjectProvider<ValidationService> validation) {
        return new ReconcilerHealthIndicator(queries, ReconcilerHealthIndicator.availabilityOf(engine.getIfAvailable()),
                clock.getIfAvailable(Clock::systemUTC), stack -> Optional.ofNullable(validation.getIfAvailable())
                        .flatMap(v -> v.latest(stack)));
    }

    @Bean
    ReconciliationEndpoint reconciliationEndpoint(ReconcileQueries queries, ObjectProvider<Clock> clock) {
        return new ReconciliationEndpoint(queries, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ReconcileMetrics reconcileMetrics(ReconcileQueries queries, ObjectProvider<Clock> clock) {
        return new ReconcileMetrics(queries, clock.getIfAvailable(Clock::systemUTC));
    }
}
