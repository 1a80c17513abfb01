package io.tap.reconciler.reconcile;

import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;

import java.nio.file.Path;

/**
 * Public entry for the benchmarks in {@code reconcile/bench}: the package wired by hand ({@link Harness}) on
 * an H2 file database, with a fake engine that reports {@code drifted} resources.
 */
public final class BenchAccess implements AutoCloseable {

    private final Harness h;

    public BenchAccess(Path dir, int drifted) {
        FakeStackEngine engine = new FakeStackEngine();
        for (int i = 0; i < drifted; i++) {
            engine.cloudDrift(FakeStackEngine.drift("sg-" + i, "aws:ec2/securityGroup:SecurityGroup",
                    Operation.UPDATE, DriftSource.CLOUD));
        }
        h = new Harness(dir, engine, RemediationMode.DETECT_ONLY, Harness.guardrails(), Harness.manual());
    }

    /** One whole run (detect, decide, record with alerts) against the fake engine. */
    public Object run() {
        return h.reconciler.run(h.stack(), Trigger.SCHEDULE);
    }

    /** What {@code GET /api/v1/stacks} and the gauges read. */
    public Object stacks() {
        return h.queries.stacks();
    }

    /** The same read after a run of the stack was committed (cache dropped). */
    public Object stacksAfterChange() {
        h.queries.invalidate("prod");
        return h.queries.stacks();
    }

    public Object runs(int limit) {
        return h.queries.runs("prod", limit);
    }

    @Override
    public void close() {
        h.close();
    }

}
