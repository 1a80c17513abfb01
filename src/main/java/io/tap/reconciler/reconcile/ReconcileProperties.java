package io.tap.reconciler.reconcile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the scheduler runs reconciles ({@code tap.reconcile}).
 *
 * @param enabled        false disables scheduled runs (REST triggers still work)
 * @param parallelism    how many stacks may reconcile at the same time
 * @param initialDelay   delay before each stack's first scheduled run after start
 * @param backoffInitial delay before the first retry after a transient failure; doubles per failure
 * @param backoffMax     cap of the backoff delay
 * @param busyRetry      delay before retrying when the stack's backend was locked (shorter than backoff)
 * @param shutdownGrace  on shutdown, how long running runs may finish before their engine operations are
 *                       cancelled (then up to 10 s more for the cancellation to take effect)
 * @param historyRetention ended runs older than this are deleted from the run history, except each stack's
 *                       newest run with a drift report and any plan still awaiting approval
 */
@Validated
@ConfigurationProperties(prefix = "tap.reconcile", ignoreUnknownFields = false)
public record ReconcileProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2") @Min(1) @Max(64) int parallelism,
        @DefaultValue("10s") @NotNull Duration initialDelay,
        @DefaultValue("30s") @NotNull Duration backoffInitial,
        @DefaultValue("15m") @NotNull Duration backoffMax,
        @DefaultValue("10s") @NotNull Duration busyRetry,
        @DefaultValue("30s") @NotNull Duration shutdownGrace,
        @DefaultValue("30d") @NotNull Duration historyRetention) {
}
