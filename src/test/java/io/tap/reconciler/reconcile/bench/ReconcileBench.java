package io.tap.reconciler.reconcile.bench;

import io.tap.reconciler.reconcile.BenchAccess;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reconciler's own overhead around the engine, on an H2 file database holding {@code history} runs whose
 * reports have {@code drifted} resources each: recording a run (report JSON, run row, alerts, one transaction),
 * and the reads behind {@code GET /api/v1/stacks} and the Prometheus gauges (cached, and right after a run).
 * Run: see README, "Reconcile runs".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ReconcileBench {

    @Param("200")
    int drifted;
    @Param("1000")
    int history;

    private Path dir;
    private BenchAccess access;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("reconcile-bench");
        access = new BenchAccess(dir, drifted);
        for (int i = 0; i < history; i++) access.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        access.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object recordRun() {
        return access.run();
    }

    @Benchmark
    public Object stacksCached() {
        return access.stacks();
    }

    @Benchmark
    public Object stacksAfterARun() {
        return access.stacksAfterChange();
    }

    @Benchmark
    public Object runsPage() {
        return access.runs(20);
    }
}
