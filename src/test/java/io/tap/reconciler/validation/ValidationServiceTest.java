package io.tap.reconciler.validation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ValidationProperties;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationServiceTest {

    private static ValidationProperties props(boolean enabled) {
        var d = ValidationProperties.defaults();
        return new ValidationProperties(enabled, 2, d.checkTimeout(), false, d.probePrefix(), d.replicationBound(),
                d.probePollInterval(), d.maxReplicaLag(), d.rotationGrace(), d.expectedConfigRules());
    }

    @Test
    void aReportIsKeptAsTheLatestAndPublishedAsOneGaugePerResult() {
        var meters = new SimpleMeterRegistry();
        try (var aws = new AwsClients(new AwsProperties(null, Duration.ofSeconds(1)));
             var runner = new ValidationRunner(aws, props(true), Clock.systemUTC())) {
            var service = new ValidationService(runner, props(true), meters);

            ValidationReport report = service.validate("prod", "run-7", Map.of()).orElseThrow();

            assertThat(service.latest("prod")).contains(report);
            assertThat(report.results()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(CheckStatus.ERROR);
                assertThat(r.evidence()).isEqualTo("The stack exports no per-region outputs.");
            });
            assertThat(meters.get("tap.validation.checks").tags("stack", "prod", "check", "outputs", "result", "error")
                    .gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("tap.validation.checks").tags("stack", "prod", "check", "outputs", "result", "pass")
                    .gauge().value()).isEqualTo(0.0);
            assertThat(meters.get("tap.validation.checks").gauges()).hasSize(3);
        }
    }

    @Test
    void disabledValidationRunsNothing() {
        try (var aws = new AwsClients(new AwsProperties(null, Duration.ofSeconds(1)));
             var runner = new ValidationRunner(aws, props(false), Clock.systemUTC())) {
            var service = new ValidationService(runner, props(false), new SimpleMeterRegistry());

            assertThat(service.validate("prod", "run-1", Map.of())).isEmpty();
            assertThat(service.latest("prod")).isEmpty();
        }
    }
}
