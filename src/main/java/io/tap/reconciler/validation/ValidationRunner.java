package io.tap.reconciler.validation;

import io.tap.reconciler.config.ValidationProperties;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the checks of a stack with bounded parallelism. Every check yields a result: one that throws,
 * hangs past its timeout or is interrupted is an ERROR, and the others still run.
 */
public final class ValidationRunner implements AutoCloseable {

    private final AwsClients aws;
    private final ValidationProperties properties;
    private final ValidationCatalog catalog;
    private final Clock clock;
    private final ExecutorService pool;

    public ValidationRunner(AwsClients aws, ValidationProperties properties, Clock clock) {
        this.aws = aws;
        this.properties = properties;
        this.clock = clock;
        this.catalog = new ValidationCatalog(properties, clock);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "tap-validation-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(properties.parallelism(), threads);
    }

    /** Runs every check the outputs call for. */
    public ValidationReport run(String stack, String runId, StackOutputs outputs) {
        return run(stack, runId, outputs, catalog.checks(outputs));
    }

    ValidationReport run(String stack, String runId, StackOutputs outputs, List<ValidationCheck> checks) {
        Instant started = clock.instant();
        List<Future<CheckResult>> futures = new ArrayList<>();
        for (ValidationCheck check : checks) {
            futures.add(pool.submit(() -> check.run(outputs, aws)));
        }
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            results.add(await(checks.get(i), futures.get(i)));
        }
        return new ValidationReport(stack, runId, started, clock.instant(), results);
    }

    private CheckResult await(ValidationCheck check, Future<CheckResult> future) {
        try {
            return future.get(properties.checkTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            long ms = properties.checkTimeout().toMillis();
            return error(check, "Did not finish within " + (ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms") + ".");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return error(check, "Interrupted before finishing.");
        } catch (ExecutionException e) {
            return error(check, "Check failed unexpectedly (" + e.getCause().getClass().getSimpleName() + ").");
        }
    }

    private static CheckResult error(ValidationCheck check, String evidence) {
        return new CheckResult(check.name(), check.region(), check.severity(), CheckStatus.ERROR, evidence);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
