package io.tap.reconciler.support.pulumi;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

/** Inputs of {@link FixtureSleep}. */
public final class FixtureSleepArgs extends ResourceArgs {

    @Import(name = "seconds", required = true)
    private final Output<Double> seconds;

    @Import(name = "trigger")
    private final Output<String> trigger;

    @Import(name = "ignoreCancel")
    private final Output<Boolean> ignoreCancel;

    private FixtureSleepArgs(double seconds, String trigger, boolean ignoreCancel) {
        this.seconds = Output.of(seconds);
        this.trigger = Output.of(trigger);
        this.ignoreCancel = Output.of(ignoreCancel);
    }

    /**
     * @param seconds      how long create and update take
     * @param trigger      any string; changing it makes the next {@code up} update (and sleep) again
     * @param ignoreCancel keep sleeping when the engine asks the provider to cancel
     */
    public static FixtureSleepArgs of(double seconds, String trigger, boolean ignoreCancel) {
        return new FixtureSleepArgs(seconds, trigger, ignoreCancel);
    }
}
