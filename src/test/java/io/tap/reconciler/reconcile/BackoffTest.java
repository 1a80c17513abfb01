package io.tap.reconciler.reconcile;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(10));

    @Test
    void transientFailuresDoubleTheDelayUpToTheCap() {
        assertThat(backoff.delay(FailureKind.ENGINE_FAILURE, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(FailureKind.TIMEOUT, 2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(FailureKind.THROTTLED, 3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delay(FailureKind.ENGINE_FAILURE, 4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(backoff.delay(FailureKind.ENGINE_FAILURE, 5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(FailureKind.ENGINE_FAILURE, 10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aBusyBackendIsRetriedSoonerThanOtherFailures() {
        assertThat(backoff.delay(FailureKind.BUSY, 1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(FailureKind.BUSY, 7)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void onlyTransientKindsAreRetried() {
        assertThat(FailureKind.BUSY.isTransient()).isTrue();
        assertThat(FailureKind.TIMEOUT.isTransient()).isTrue();
        assertThat(FailureKind.PROGRAM_ERROR.isTransient()).isFalse();
        assertThat(FailureKind.VERIFY_FAILED.isTransient()).isFalse();
        assertThat(FailureKind.STALE_PLAN.isTransient()).isFalse();
        assertThat(FailureKind.CLI_MISSING.isTransient()).isFalse();
    }
}
