package io.tap.reconciler.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Alerting ({@code tap.alerts}). A stack's own {@code tap.stacks[n].topic-arn} overrides the topic.
 *
 * @param topicArn          SNS topic for every stack without its own; a {@code .fifo} topic gets
 *                          deduplication and per-stack ordering from SNS
 * @param renotifyInterval  a drift or violation still open after this long is sent again; {@code 0s} never
 * @param maxBodySize       bound of one message body; resource diffs beyond it are summarised (SNS allows 256 KB)
 * @param maxValueLength    an attribute value longer than this is cut, so one value cannot crowd out the rest
 * @param dispatch          how the outbox is delivered
 */
@Validated
@ConfigurationProperties(prefix = "tap.alerts", ignoreUnknownFields = false)
public record AlertProperties(
        @NotBlank @Pattern(regexp = SNS_TOPIC_ARN, message = "must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)")
        String topicArn,
        @DefaultValue("4h") @NotNull Duration renotifyInterval,
        @DefaultValue("64KB") @NotNull DataSize maxBodySize,
        @DefaultValue("512") @Min(32) @Max(8192) int maxValueLength,
        @DefaultValue @NotNull @Valid Dispatch dispatch) {

    /** An SNS topic ARN in any partition; FIFO topics end in {@code .fifo}. */
    public static final String SNS_TOPIC_ARN = "arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?";

    private static final DataSize MIN_BODY = DataSize.ofKilobytes(4);
    private static final DataSize MAX_BODY = DataSize.ofKilobytes(240);

    public AlertProperties {
        if (renotifyInterval != null && renotifyInterval.isNegative()) {
            throw new IllegalArgumentException("tap.alerts.renotify-interval must not be negative");
        }
        if (maxBodySize != null && (maxBodySize.compareTo(MIN_BODY) < 0 || maxBodySize.compareTo(MAX_BODY) > 0)) {
            throw new IllegalArgumentException("tap.alerts.max-body-size must be between 4KB and 240KB (SNS allows 256 KB in all)");
        }
    }

    /** True when still-open conditions are sent again. */
    public boolean renotifies() {
        return !renotifyInterval.isZero();
    }

    /**
     * Outbox delivery ({@code tap.alerts.dispatch}).
     *
     * @param enabled        off only for tests or a replica that must not send
     * @param interval       how often the outbox is polled (new alerts are also sent right after their run commits)
     * @param batchSize      at most this many alerts per pass
     * @param initialBackoff delay before the first retry of a failed send
     * @param maxBackoff     the retry delay doubles up to this
     * @param claimTimeout   a send in progress holds its alert this long; must exceed the AWS call timeout
     */
    public record Dispatch(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 10) Duration interval,
            @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
            @DefaultValue("5m") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
            @DefaultValue("2m") @NotNull @DurationMin(seconds = 1) Duration claimTimeout) {

        /** Delay before attempt {@code failedAttempts + 1}: doubling from the initial backoff, capped. */
        public Duration backoffAfter(int failedAttempts) {
            int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
            Duration d = initialBackoff.multipliedBy(1L << doublings);
            return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
        }
    }
}
