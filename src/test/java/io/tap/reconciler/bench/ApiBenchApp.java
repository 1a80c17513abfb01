package io.tap.reconciler.bench;

import io.tap.reconciler.TapReconcilerApplication;
import io.tap.reconciler.engine.StackProgram;
import io.tap.reconciler.support.pulumi.FixturePrograms;
import org.springframework.boot.SpringApplication;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The real service plus one fixture program, {@code bench-sleep}: a resource whose create takes
 * {@code -Dtap.bench.sleep-seconds} (default 120), so that an AUTO stack running it keeps a
 * reconcile (a real {@code pulumi up}) in flight while {@code bench/api-bench.sh} measures the HTTP
 * endpoints. Not a test; started by that script with the test classpath. The program is registered
 * programmatically so that no configuration class here is ever picked up by a component scan.
 */
public final class ApiBenchApp {

    private ApiBenchApp() {
    }

    public static void main(String[] args) {
        double seconds = Double.parseDouble(System.getProperty("tap.bench.sleep-seconds", "120"));
        SpringApplication app = new SpringApplication(TapReconcilerApplication.class);
        app.addInitializers(ctx -> ((GenericApplicationContext) ctx).registerBean("benchSleepProgram", StackProgram.class,
                () -> StackProgram.of("bench-sleep", FixturePrograms.sleeping(seconds, "bench", false))));
        app.run(args);
    }
}
