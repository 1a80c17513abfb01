package io.tap.reconciler.reconcile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {

    private final SecretMasker masker = new SecretMasker(Map.of(
            "PULUMI_CONFIG_PASSPHRASE", "correct-horse-battery",
            "TAP_API_OPERATOR_TOKEN", "op-token-123456",
            "SPRING_DATASOURCE_PASSWORD", "db-pw-98765",
            "HOME", "/root"));

    @Test
    void valuesOfSecretEnvironmentVariablesAreMaskedWherever() {
        String masked = masker.mask("failed: passphrase correct-horse-battery rejected; header Bearer op-token-123456;"
                + " jdbc:postgresql://u:db-pw-98765@db/tap");
        assertThat(masked).doesNotContain("correct-horse-battery", "op-token-123456", "db-pw-98765")
                .contains("[secret]").contains("failed: passphrase");
    }

    @Test
    void secretLookingPairsAndAwsKeyIdsAreMasked() {
        String masked = masker.mask("password=hunter2, api_key: 'xyz' token=\"t0k\" key AKIAABCDEFGHIJKLMNOP ok");
        assertThat(masked).doesNotContain("hunter2", "xyz", "t0k", "AKIAABCDEFGHIJKLMNOP")
                .startsWith("password=[secret]").endsWith("ok");
    }

    @Test
    void ordinaryTextAndNonSecretVariablesAreKept() {
        assertThat(masker.mask("refresh of /root/stack failed: connection reset"))
                .isEqualTo("refresh of /root/stack failed: connection reset");
        assertThat(masker.mask(null)).isNull();
    }
}
