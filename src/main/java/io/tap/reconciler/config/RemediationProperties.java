package io.tap.reconciler.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Set;

/**
 * Guardrails for remediation ({@code tap.remediation}).
 *
 * @param neverAuto         operations (DELETE, REPLACE, UPDATE, CREATE) that always need approval
 * @param protectedTypes    Pulumi type tokens that always need approval
 * @param maxChangesPerRun  above this many resources, approval is required
 * @param approvalTtl       an approval request expires after this long
 * @param flappingWindowRuns a resource drifting again within this many runs of its remediation is flapping
 */
@Validated
@ConfigurationProperties(prefix = "tap.remediation", ignoreUnknownFields = false)
public record RemediationProperties(
        @DefaultValue({"DELETE", "REPLACE"}) @NotNull Set<String> neverAuto,
        @DefaultValue({}) @NotNull Set<String> protectedTypes,
        @DefaultValue("20") @Min(1) int maxChangesPerRun,
        @DefaultValue("1h") @NotNull Duration approvalTtl,
        @DefaultValue("3") @Min(1) int flappingWindowRuns) {
}
