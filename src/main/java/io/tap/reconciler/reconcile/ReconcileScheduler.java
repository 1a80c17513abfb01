package io.tap.reconciler.reconcile;

import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.engine.StackEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs reconciles: per stack a fixed delay plus jitter after the previous run ends, single flight per stack
 * (a trigger during a run joins it), capped exponential backoff after transient failures (a busy backend is
 * retried sooner), a bounded pool for parallel stacks, and a graceful shutdown that lets running runs finish
 * within a grace period, then cancels their engine operations and records them as INTERRUPTED.
 */
class ReconcileScheduler implements ReconcileOperations, Schedule, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconcileScheduler.class);
    /** After cancelling, how long a run gets to notice and record itself before it is marked interrupted. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
    /** How often each stack's old runs are purged (after a run). */
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final TapProperties tap;
    private final ReconcileProperties properties;
    private final Reconciler reconciler;
    private final Duration approvalTtl;
    private final RunHistory history;
    private final StackEngine engine;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Backoff backoff;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    /** {@link #CANCEL_WAIT}; shorter in tests. */
    volatile Duration cancelWait = CANCEL_WAIT;

    private volatile boolean running;
    private volatile boolean stopping;
    private ScheduledExecutorService timer;
    private ThreadPoolExecutor workers;

    ReconcileScheduler(TapProperties tap, ReconcileProperties properties, Reconciler reconciler, Duration approvalTtl,
                       RunHistory history, StackEngine engine, TransactionTemplate tx, Clock clock) {
        this.tap = tap;
        this.properties = properties;
        this.reconciler = reconciler;
        this.approvalTtl = approvalTtl;
        this.history = history;
        this.engine = engine;
        this.tx = tx;
        this.clock = clock;
        this.backoff = Backoff.of(properties);
        tap.stacks().forEach(s -> slots.put(s.name(), new Slot(s)));
    }

    @Override
    public RunTicket trigger(String stack, Trigger trigger, RemediationMode requestedMode) {
        Slot slot = slot(stack);
        RemediationMode configured = slot.stack.remediation();
        RemediationMode mode = requestedMode == null ? configured : requestedMode;
        if (!configured.permits(mode)) {
            throw new ReconcileConflictException("stack " + stack + " is configured " + configured
                    + "; a trigger may only downgrade the mode, not request " + mode);
        }
        synchronized (slot) {
            if (slot.current != null) {
                log.debug("Trigger {} of stack {} joins run {}", trigger, stack, slot.current.runId());
                return new RunTicket(slot.current.runId(), stack, true);
            }
            ensureAccepting();
            return launch(slot, new RunContext(Reconciler.newRunId(), slot.stack, trigger, mode, null));
        }
    }

    @Override
    public RunTicket approve(String runId, String approver) {
        StoredRun run = history.find(runId).orElseThrow(() -> new UnknownRunException("no run " + runId));
        Slot slot = slots.get(run.record().stack());
        if (slot == null) {
            throw new ReconcileConflictException("stack " + run.record().stack() + " is no longer configured");
        }
        if (run.status() != RunStatus.AWAITING_APPROVAL) {
            throw new ReconcileConflictException("run " + runId + " is not awaiting approval (it is " + run.status() + ")");
        }
        if (run.approvedAt() != null) {
            throw new ReconcileConflictException("run " + runId + " was already approved by " + run.approvedBy());
        }
        if (RecordedState.expired(run, approvalTtl, clock.instant())) {
            throw new ReconcileConflictException("the plan of run " + runId + " expired (approval TTL)");
        }
        // the drift as known now: after a remediation that is what was left, not what was detected
        String latest = history.latestDetected(slot.stack.name())
                .map(r -> r.currentReport() == null ? r.record().fingerprint() : r.currentReport().fingerprint())
                .orElse(null);
        if (!run.record().fingerprint().equals(latest)) {
            throw new ReconcileConflictException("the plan of run " + runId + " is stale: the drift of stack "
                    + slot.stack.name() + " changed since (fingerprint " + latest + ")");
        }
        if (slot.stack.remediation() == RemediationMode.DETECT_ONLY) {
            throw new ReconcileConflictException("stack " + slot.stack.name() + " is now DETECT_ONLY");
        }
        synchronized (slot) {
            if (slot.current != null) {
                throw new ReconcileConflictException("run " + slot.current.runId() + " of stack " + slot.stack.name()
                        + " is in progress; approve again when it has ended");
            }
            ensureAccepting();
            RunContext ctx = new RunContext(Reconciler.newRunId(), slot.stack, Trigger.APPROVAL,
                    slot.stack.remediation(), new RunContext.ApprovedPlan(runId, Set.copyOf(run.plannedTargets()),
                    run.record().fingerprint(), approver));
            Boolean marked = tx.execute(s -> {
                if (!history.markApproved(slot.stack.name(), runId, approver, clock.instant(), ctx.runId())) {
                    return false;
                }
                reconciler.start(ctx);
                return true;
            });
            if (!Boolean.TRUE.equals(marked)) {
                throw new ReconcileConflictException("run " + runId + " was approved concurrently");
            }
            log.info("Run {} of stack {} approved by {}; applying in run {}", runId, slot.stack.name(), approver,
                    ctx.runId());
            return submit(slot, ctx);
        }
    }

    @Override
    public boolean running(String stack) {
        Slot slot = slots.get(stack);
        if (slot == null) return false;
        synchronized (slot) {
            return slot.current != null;
        }
    }

    @Override
    public Instant nextRunAt(String stack) {
        Slot slot = slots.get(stack);
        if (slot == null) return null;
        synchronized (slot) {
            return slot.nextRunAt;
        }
    }

    // --- lifecycle ---------------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        if (running) return;
        stopping = false;
        timer = Executors.newSingleThreadScheduledExecutor(daemon("tap-reconcile-timer"));
        workers = new ThreadPoolExecutor(properties.parallelism(), properties.parallelism(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("tap-reconcile-"));
        recoverInterruptedRuns();
        running = true;
        if (properties.enabled()) {
            for (Slot slot : slots.values()) {
                synchronized (slot) {
                    scheduleNext(slot, properties.initialDelay().plus(jitter(slot.stack)), Trigger.STARTUP);
                }
            }
        } else {
            log.info("Scheduled reconciles are disabled (tap.reconcile.enabled=false); REST triggers still run");
        }
    }

    @Override
    public void stop() {
        List<InFlight> inFlight = new ArrayList<>();
        synchronized (this) {
            if (!running) return;
            stopping = true;
            running = false;
        }
        timer.shutdownNow();
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (slot.next != null) slot.next.cancel(false);
                slot.next = null;
                slot.nextRunAt = null;
                if (slot.current != null) inFlight.add(slot.current);
            }
        }
        if (!inFlight.isEmpty()) {
            log.info("Shutting down: waiting up to {} for {} running reconcile(s)", properties.shutdownGrace(),
                    inFlight.size());
        }
        long graceEnd = System.nanoTime() + properties.shutdownGrace().toNanos();
        List<InFlight> late = new ArrayList<>();
        for (InFlight f : inFlight) {
            if (!await(f.future(), graceEnd)) late.add(f);
        }
        for (InFlight f : late) {
            log.warn("Run {} of stack {} outlived the shutdown grace; cancelling its engine operation", f.runId(),
                    f.ctx().stackName());
            try {
                engine.cancel(f.ctx().stackName());
            } catch (RuntimeException e) {
                log.warn("Cancelling the engine operation of stack {} failed: {}", f.ctx().stackName(), e.toString());
            }
            f.future().cancel(true);
        }
        long cancelEnd = System.nanoTime() + cancelWait.toNanos();
        for (InFlight f : late) {
            awaitDone(f, cancelEnd);
            // a run that recorded itself (as INTERRUPTED after the cancel) is left alone: the update only hits RUNNING rows
            try {
                reconciler.recordInterrupted(f.runId(), f.ctx().stackName(), "the service shut down during the run");
            } catch (RuntimeException e) {
                log.error("Run {} of stack {} could not be recorded as INTERRUPTED; the next start will", f.runId(),
                        f.ctx().stackName(), e);
            }
        }
        workers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the web server and the database go away
        return SmartLifecycle.DEFAULT_PHASE;
    }

    // --- internals ---------------------------------------------------------------------------------------

    private void recoverInterruptedRuns() {
        for (StoredRun run : history.running()) {
            if (reconciler.recordInterrupted(run.id(), run.record().stack(),
                    "the process running it stopped before it ended")) {
                log.warn("Run {} of stack {} was left RUNNING by a previous process; recorded as INTERRUPTED",
                        run.id(), run.record().stack());
            }
        }
    }

    /** Called with the slot's lock held. */
    private RunTicket launch(Slot slot, RunContext ctx) {
        reconciler.start(ctx);
        return submit(slot, ctx);
    }

    /** Called with the slot's lock held, after the run was recorded as started. */
    private RunTicket submit(Slot slot, RunContext ctx) {
        if (slot.next != null) {
            slot.next.cancel(false);
            slot.next = null;
        }
        slot.nextRunAt = null;
        Future<?> future;
        try {
            future = workers.submit(() -> execute(slot, ctx));
        } catch (RuntimeException e) {
            reconciler.recordInterrupted(ctx.runId(), ctx.stackName(), "the service is shutting down");
            throw new ReconcileConflictException("the service is shutting down");
        }
        slot.current = new InFlight(ctx.runId(), ctx, future);
        return new RunTicket(ctx.runId(), ctx.stackName(), false);
    }

    private void execute(Slot slot, RunContext ctx) {
        ReconcileOutcome outcome = null;
        try {
            outcome = reconciler.run(ctx);
        } catch (RuntimeException e) {
            log.error("Run {} of stack {} could not be recorded", ctx.runId(), ctx.stackName(), e);
        } finally {
            purgeHistory(slot);
            synchronized (slot) {
                slot.current = null;
                if (!stopping) scheduleNext(slot, delayAfter(slot, outcome));
            }
        }
    }

    private void purgeHistory(Slot slot) {
        String stack = slot.stack.name();
        Instant now = clock.instant();
        synchronized (slot) {
            if (slot.lastPurge != null && slot.lastPurge.plus(PURGE_EVERY).isAfter(now)) return;
            slot.lastPurge = now;
        }
        try {
            int deleted = history.purge(stack, clock.instant().minus(properties.historyRetention()));
            if (deleted > 0) log.info("Deleted {} run(s) of stack {} older than {}", deleted, stack, properties.historyRetention());
        } catch (RuntimeException e) {
            log.warn("Purging the run history of stack {} failed: {}", stack, e.toString());
        }
    }

    /** Called with the slot's lock held. */
    private Duration delayAfter(Slot slot, ReconcileOutcome outcome) {
        if (outcome == null) {
            slot.failures++;
            return backoff.delay(FailureKind.INTERNAL, slot.failures);
        }
        var retry = outcome.retryableFailure();
        if (retry.isPresent()) {
            slot.failures++;
            Duration d = backoff.delay(retry.get(), slot.failures);
            log.info("Stack {}: retrying after {} ({} failure(s) in a row)", slot.stack.name(), d, slot.failures);
            return d;
        }
        if (!(outcome instanceof ReconcileOutcome.Failed)) slot.failures = 0;
        return slot.stack.interval().plus(jitter(slot.stack));
    }

    /** Called with the slot's lock held. */
    private void scheduleNext(Slot slot, Duration delay) {
        scheduleNext(slot, delay, Trigger.SCHEDULE);
    }

    /** Called with the slot's lock held. */
    private void scheduleNext(Slot slot, Duration delay, Trigger trigger) {
        if (!properties.enabled() || timer == null || timer.isShutdown()) return;
        if (slot.next != null) slot.next.cancel(false);
        slot.nextRunAt = clock.instant().plus(delay);
        slot.next = timer.schedule(() -> scheduledTick(slot, trigger), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduledTick(Slot slot, Trigger trigger) {
        try {
            trigger(slot.stack.name(), trigger, null);
        } catch (RuntimeException e) {
            if (!stopping) {
                log.error("Scheduled reconcile of stack {} could not start; retrying with backoff", slot.stack.name(), e);
                synchronized (slot) {
                    slot.failures++;
                    scheduleNext(slot, backoff.delay(FailureKind.INTERNAL, slot.failures));
                }
            }
        }
    }

    private void ensureAccepting() {
        if (stopping) throw new ReconcileConflictException("the service is shutting down");
        if (!running) throw new ReconcileConflictException("the scheduler has not started");
    }

    private Slot slot(String stack) {
        Slot slot = slots.get(stack);
        if (slot == null) throw new UnknownStackException("no stack " + stack + " is configured");
        return slot;
    }

    private static Duration jitter(StackProperties stack) {
        long max = stack.jitter().toMillis();
        return max <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(max + 1));
    }

    private static boolean await(Future<?> future, long deadlineNanos) {
        try {
            future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return true;
        }
    }

    /** Waits for the worker to leave the run (a cancelled future is "done" at once, the thread is not). */
    private void awaitDone(InFlight f, long deadlineNanos) {
        Slot slot = slots.get(f.ctx().stackName());
        while (System.nanoTime() < deadlineNanos) {
            synchronized (slot) {
                if (slot.current == null || !slot.current.runId().equals(f.runId())) return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
    }

    /** Per-stack scheduling state; guarded by its own monitor. */
    private static final class Slot {
        final StackProperties stack;
        InFlight current;
        ScheduledFuture<?> next;
        Instant nextRunAt;
        Instant lastPurge;
        int failures;

        Slot(StackProperties stack) {
            this.stack = stack;
        }
    }

    private record InFlight(String runId, RunContext ctx, Future<?> future) {
    }
}
