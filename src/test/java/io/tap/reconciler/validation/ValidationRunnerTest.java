package io.tap.reconciler.validation;

import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ValidationProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationRunnerTest {

    private final AwsClients aws = new AwsClients(new AwsProperties(null, Duration.ofSeconds(1)));
    private final StackOutputs outputs = new StackOutputs(Map.of());

    @AfterEach
    void close() {
        aws.close();
    }

    private static ValidationProperties props(int parallelism, Duration timeout) {
        var d = ValidationProperties.defaults();
        return new ValidationProperties(true, parallelism, timeout, false, d.probePrefix(), d.replicationBound(),
                d.probePollInterval(), d.maxReplicaLag(), d.rotationGrace(), d.expectedConfigRules());
    }

    /** A check whose body is given as a lambda. */
    static RegionalCheck check(String name, java.util.function.Supplier<Verdict> body) {
        return new RegionalCheck(name, "us-east-1", CheckSeverity.WARNING) {
            @Override
            Verdict evaluate(StackOutputs outputs, AwsClients aws) {
                return body.get();
            }
        };
    }

    @Test
    void anAwsErrorAMissingOutputAndACrashAreErrorsAndTheOtherChecksStillRun() {
        AwsServiceException denied = (AwsServiceException) AwsServiceException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").serviceName("Ec2").build()).build();
        List<ValidationCheck> checks = List.of(
                check("a", () -> { throw denied; }),
                check("b", () -> Verdict.pass("fine.")),
                check("c", () -> { throw new StackOutputs.MissingOutputException("Stack output us-east-1.vpcId is missing."); }),
                check("d", () -> { throw new IllegalStateException("boom with secret hunter2"); }),
                check("e", () -> Verdict.fail("broken.")));
        try (var runner = new ValidationRunner(aws, props(2, Duration.ofSeconds(5)), Clock.systemUTC())) {

            ValidationReport report = runner.run("prod", "run-1", outputs, checks);

            assertThat(report.results()).extracting(CheckResult::check, CheckResult::status, CheckResult::evidence).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("a", CheckStatus.ERROR, "Ec2 answered AccessDenied."),
                    org.assertj.core.groups.Tuple.tuple("b", CheckStatus.PASS, "fine."),
                    org.assertj.core.groups.Tuple.tuple("c", CheckStatus.ERROR, "Stack output us-east-1.vpcId is missing."),
                    org.assertj.core.groups.Tuple.tuple("d", CheckStatus.ERROR, "Check failed unexpectedly (IllegalStateException)."),
                    org.assertj.core.groups.Tuple.tuple("e", CheckStatus.FAIL, "broken."));
            assertThat(report.counts()).containsEntry(CheckStatus.PASS, 1L).containsEntry(CheckStatus.FAIL, 1L)
                    .containsEntry(CheckStatus.ERROR, 3L);
            assertThat(report.failures()).extracting(CheckResult::key).containsExactly("e@us-east-1");
            assertThat(report.passed()).isFalse();
        }
    }

    @Test
    void aHangingCheckIsCutOffAtItsTimeoutAsAnError() {
        CountDownLatch never = new CountDownLatch(1);
        List<ValidationCheck> checks = List.of(check("hang", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Verdict.pass("unreachable");
        }), check("quick", () -> Verdict.pass("ok.")));
        try (var runner = new ValidationRunner(aws, props(2, Duration.ofMillis(300)), Clock.systemUTC())) {

            ValidationReport report = runner.run("prod", null, outputs, checks);

            assertThat(report.results().get(0).status()).isEqualTo(CheckStatus.ERROR);
            assertThat(report.results().get(0).evidence()).isEqualTo("Did not finish within 300ms.");
            assertThat(report.results().get(1).status()).isEqualTo(CheckStatus.PASS);
        }
    }

    @Test
    void noMoreChecksRunAtOnceThanTheParallelism() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<ValidationCheck> checks = java.util.stream.IntStream.range(0, 12).<ValidationCheck>mapToObj(i -> check("c" + i, () -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                TimeUnit.MILLISECONDS.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return Verdict.pass("ok.");
        })).toList();
        try (var runner = new ValidationRunner(aws, props(3, Duration.ofSeconds(5)), Clock.systemUTC())) {

            ValidationReport report = runner.run("prod", null, outputs, checks);

            assertThat(report.passed()).isTrue();
            assertThat(peak.get()).isEqualTo(3);
        }
    }
}
