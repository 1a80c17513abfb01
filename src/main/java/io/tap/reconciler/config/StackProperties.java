package io.tap.reconciler.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * One stack the reconciler drives ({@code tap.stacks[n]}).
 *
 * @param name        Pulumi stack name
 * @param backendUrl  Pulumi backend; {@code null} means {@code file://<data-dir>/state}
 * @param program     which program the stack runs: {@code tap} (the TAP topology) or a registered fixture
 * @param interval    fixed delay between scheduled runs
 * @param jitter      random extra delay, up to this much, so stacks do not run in lock-step
 * @param remediation what to do about drift
 * @param topicArn    SNS topic for this stack's alerts; {@code null} means {@code tap.alerts.topic-arn}
 */
public record StackProperties(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must be a Pulumi stack name ([A-Za-z0-9_.-]+)") String name,
        String backendUrl,
        @DefaultValue("tap") @NotBlank String program,
        @DefaultValue("5m") @NotNull Duration interval,
        @DefaultValue("10s") @NotNull Duration jitter,
        @DefaultValue("DETECT_ONLY") @NotNull RemediationMode remediation,
        String topicArn) {
}
