package io.tap.reconciler.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the service reads AWS Config compliance ({@code tap.compliance}).
 *
 * @param enabled            read AWS Config in each reconcile; off means no compliance drift at all
 * @param endpoint           endpoint override for AWS Config only (an emulator in tests); {@code null} means
 *                           {@code tap.aws.endpoint}, itself {@code null} for AWS
 * @param regions            regions to read instead of the topology's; empty means the topology's regions
 * @param pageSize           results per {@code GetComplianceDetailsByConfigRule} page (AWS allows 1–100)
 * @param maxAttempts        SDK attempts per call, first one included, before a region is reported as failed
 * @param retryBaseDelay     base of the exponential backoff after a transient error (5xx, I/O)
 * @param throttlingBaseDelay base of the exponential backoff after a throttling error
 * @param retryMaxBackoff    cap of one backoff delay
 * @param parallelRegions    how many regions are read at the same time
 * @param configRemediation  whether AWS Config's own remediation may be started
 */
@Validated
@ConfigurationProperties(prefix = "tap.compliance", ignoreUnknownFields = false)
public record ComplianceProperties(
        @DefaultValue("true") boolean enabled,
        URI endpoint,
        @DefaultValue({}) @NotNull List<@Pattern(regexp = "[a-z]{2}(-[a-z]+)+-\\d",
                message = "must be an AWS region name such as us-east-1") String> regions,
        @DefaultValue("100") @Min(1) @Max(100) int pageSize,
        @DefaultValue("5") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("200ms") @NotNull Duration retryBaseDelay,
        @DefaultValue("1s") @NotNull Duration throttlingBaseDelay,
        @DefaultValue("20s") @NotNull Duration retryMaxBackoff,
        @DefaultValue("3") @Min(1) @Max(16) int parallelRegions,
        @DefaultValue @NotNull @Valid ConfigRemediation configRemediation) {

    /** The regions to read: the override when set, otherwise the stack's topology regions. */
    public List<String> regionsFor(List<String> topologyRegions) {
        return regions.isEmpty() ? List.copyOf(topologyRegions) : List.copyOf(regions);
    }

    /**
     * AWS Config's own remediation ({@code tap.compliance.config-remediation}). Off by default: a Config
     * remediation changes a managed resource behind the program's back (see README, "Config and the IaC").
     *
     * @param enabled whether {@code StartRemediationExecution} may be called at all; it is also only
     *                called for stacks in {@code AUTO} mode, and only for resources the stack manages
     * @param rules   Config rule names that may be remediated; empty means every rule that carries a
     *                remediation configuration
     */
    public record ConfigRemediation(@DefaultValue("false") boolean enabled,
                                    @DefaultValue({}) @NotNull Set<String> rules) {

        /** True when remediation of {@code rule} is allowed by configuration. */
        public boolean allows(String rule) {
            return enabled && (rules.isEmpty() || rules.contains(rule));
        }
    }
}
