package io.tap.reconciler.support.pulumi;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/**
 * {@code tapfixture:index:Sleep}: its create and update sleep for {@code seconds}. An {@code up}
 * creating one holds the stack's backend lock that long (busy tests); with {@code ignoreCancel} it
 * keeps sleeping when the engine cancels, like a stuck cloud call (timeout tests).
 */
@ResourceType(type = FixtureSleep.TYPE)
public final class FixtureSleep extends CustomResource {

    /** The Pulumi type token. */
    public static final String TYPE = "tapfixture:index:Sleep";

    @Export(name = "seconds", refs = {Double.class}, tree = "[0]")
    private Output<Double> seconds;

    public FixtureSleep(String name, FixtureSleepArgs args) {
        super(TYPE, name, args, CustomResourceOptions.Empty);
    }

    public Output<Double> seconds() {
        return seconds;
    }
}
