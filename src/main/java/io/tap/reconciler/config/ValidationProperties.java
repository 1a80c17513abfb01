package io.tap.reconciler.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Continuous validation ({@code tap.validation}): checks that the live estate works, run after each
 * drift check. Checks only read, except the opt-in S3 replication write probe.
 *
 * @param enabled             run the checks after each drift check
 * @param parallelism         checks evaluated at the same time
 * @param checkTimeout        one check's bound; a check that takes longer is reported ERROR
 * @param writeProbes         opt-in: write a tagged probe object to the primary bucket and wait for it in
 *                            every replica bucket, then delete it everywhere
 * @param probePrefix         key prefix of probe objects (a bucket lifecycle rule may expire it as a backstop)
 * @param replicationBound    how long a probe may take to appear in a replica
 * @param probePollInterval   how often a replica is polled for the probe
 * @param maxReplicaLag       highest acceptable RDS {@code ReplicaLag} where CloudWatch reports it
 * @param rotationGrace       how much longer than its rotation period a secret may go unrotated
 * @param expectedConfigRules AWS Config managed-rule source identifiers that must be present in every region
 */
@Validated
@ConfigurationProperties(prefix = "tap.validation", ignoreUnknownFields = false)
public record ValidationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") @Min(1) @Max(32) int parallelism,
        @DefaultValue("60s") @NotNull Duration checkTimeout,
        @DefaultValue("false") boolean writeProbes,
        @DefaultValue("tap-validation-probe/") @NotBlank String probePrefix,
        @DefaultValue("5m") @NotNull Duration replicationBound,
        @DefaultValue("5s") @NotNull Duration probePollInterval,
        @DefaultValue("5m") @NotNull Duration maxReplicaLag,
        @DefaultValue("1d") @NotNull Duration rotationGrace,
        @DefaultValue({"S3_BUCKET_SSL_REQUESTS_ONLY", "ENCRYPTED_VOLUMES", "RDS_STORAGE_ENCRYPTED",
                "INCOMING_SSH_DISABLED", "CLOUD_TRAIL_ENABLED", "VPC_FLOW_LOGS_ENABLED"})
        @NotNull List<String> expectedConfigRules) {

    public ValidationProperties {
        expectedConfigRules = List.copyOf(expectedConfigRules);
    }

    /** Defaults, as bound from an empty {@code tap.validation}. */
    public static ValidationProperties defaults() {
        return new ValidationProperties(true, 4, Duration.ofSeconds(60), false, "tap-validation-probe/",
                Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(1),
                List.of("S3_BUCKET_SSL_REQUESTS_ONLY", "ENCRYPTED_VOLUMES", "RDS_STORAGE_ENCRYPTED",
                        "INCOMING_SSH_DISABLED", "CLOUD_TRAIL_ENABLED", "VPC_FLOW_LOGS_ENABLED"));
    }
}
