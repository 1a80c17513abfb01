package io.tap.reconciler.reconcile;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tap.reconciler.alerting.AlertKind;
import io.tap.reconciler.alerting.Severity;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.config.ValidationProperties;
import io.tap.reconciler.validation.AwsClients;
import io.tap.reconciler.validation.CheckResult;
import io.tap.reconciler.validation.CheckSeverity;
import io.tap.reconciler.validation.CheckStatus;
import io.tap.reconciler.validation.ValidationReport;
import io.tap.reconciler.validation.ValidationRunner;
import io.tap.reconciler.validation.ValidationService;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunValidationTest {

    private static RunContext ctx(String program) {
        var stack = new StackProperties("prod", null, program, Duration.ofMinutes(5), Duration.ZERO, RemediationMode.AUTO, null);
        return new RunContext("run-1", stack, Trigger.SCHEDULE, RemediationMode.AUTO, null);
    }

    @Test
    void onlyTapStacksAreValidatedFromTheirOutputs() {
        var props = ValidationProperties.defaults();
        try (var aws = new AwsClients(new AwsProperties(null, Duration.ofSeconds(1)));
             var runner = new ValidationRunner(aws, props, Clock.systemUTC())) {
            var service = new ValidationService(runner, props, new SimpleMeterRegistry());

            assertThat(RunValidation.validate(service, new FakeStackEngine(), ctx("fixture"))).isEmpty();
            assertThat(RunValidation.validate(service, new FakeStackEngine(), ctx("tap"))).hasValueSatisfying(r ->
                    assertThat(r.results()).extracting(CheckResult::status).containsExactly(CheckStatus.ERROR));
            assertThat(RunValidation.validate(null, new FakeStackEngine(), ctx("tap"))).isEmpty();
        }
    }

    @Test
    void eachFailingCheckIsOneValidationFailedEventWithAStableDedupKey() {
        var report = new ValidationReport("prod", "run-1", Instant.EPOCH, Instant.EPOCH, List.of(
                new CheckResult("storage.bucket", "us-west-2", CheckSeverity.CRITICAL, CheckStatus.FAIL, "versioning is off."),
                new CheckResult("network.vpc", "us-west-2", CheckSeverity.CRITICAL, CheckStatus.PASS, "ok."),
                new CheckResult("network.peering", "us-east-1", CheckSeverity.CRITICAL, CheckStatus.ERROR, "EC2 answered Throttling.")));

        var events = RunValidation.events("prod", report);

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AlertKind.VALIDATION_FAILED);
            assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(e.dedupKey()).isEqualTo("validation:prod:storage.bucket@us-west-2");
            assertThat(e.summary()).isEqualTo("Validation storage.bucket failed in us-west-2: versioning is off.");
        });
    }
}
