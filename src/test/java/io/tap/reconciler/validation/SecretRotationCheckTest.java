package io.tap.reconciler.validation;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRotationCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration GRACE = Duration.ofDays(1);

    private static DescribeSecretResponse.Builder secret() {
        return DescribeSecretResponse.builder().name("PROD-secret-db-us-east-1").rotationEnabled(true)
                .rotationRules(r -> r.automaticallyAfterDays(30L)).createdDate(NOW.minus(Duration.ofDays(400)));
    }

    @Test
    void aRotationWithinThePeriodPasses() {
        Verdict v = SecretRotationCheck.judge(secret().lastRotatedDate(NOW.minus(Duration.ofDays(29))).build(), GRACE, NOW);

        assertThat(v.status()).isEqualTo(CheckStatus.PASS);
        assertThat(v.evidence()).isEqualTo("Secret PROD-secret-db-us-east-1 rotates every 30 days; last rotated 696h ago.");
    }

    @Test
    void aRotationLateButWithinTheGracePasses() {
        Verdict v = SecretRotationCheck.judge(secret().lastRotatedDate(NOW.minus(Duration.ofHours(30 * 24 + 20))).build(), GRACE, NOW);

        assertThat(v.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aRotationOlderThanPeriodPlusGraceFails() {
        Verdict v = SecretRotationCheck.judge(secret().lastRotatedDate(NOW.minus(Duration.ofDays(32))).build(), GRACE, NOW);

        assertThat(v.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(v.evidence()).isEqualTo("Secret PROD-secret-db-us-east-1 last rotated 32 days ago, beyond its 30-day "
                + "period plus 24h grace.");
    }

    @Test
    void aNeverRotatedOldSecretFailsOnItsCreationDate() {
        Verdict v = SecretRotationCheck.judge(secret().build(), GRACE, NOW);

        assertThat(v.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(v.evidence()).contains("never rotated, created 400 days ago");
    }

    @Test
    void disabledRotationOrAMissingScheduleFails() {
        assertThat(SecretRotationCheck.judge(secret().rotationEnabled(false).build(), GRACE, NOW).evidence())
                .isEqualTo("Secret PROD-secret-db-us-east-1 has rotation disabled.");
        assertThat(SecretRotationCheck.judge(secret().rotationRules((software.amazon.awssdk.services.secretsmanager.model.RotationRulesType) null)
                .build(), GRACE, NOW).evidence()).isEqualTo("Secret PROD-secret-db-us-east-1 has rotation enabled but no schedule.");
    }

    @Test
    void aRateScheduleSetsThePeriod() {
        Verdict v = SecretRotationCheck.judge(secret().rotationRules(r -> r.scheduleExpression("rate(7 days)"))
                .lastRotatedDate(NOW.minus(Duration.ofDays(9))).build(), GRACE, NOW);

        assertThat(v.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(v.evidence()).contains("beyond its 7-day period");
    }
}
