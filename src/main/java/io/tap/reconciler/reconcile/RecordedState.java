package io.tap.reconciler.reconcile;

import io.tap.reconciler.config.RemediationProperties;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.drift.DriftReport;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ReconcileQueries} over the run history. The per-stack summary is cached and dropped whenever a run
 * of the stack is committed, so scrapes and health checks do not hit the database.
 */
class RecordedState implements ReconcileQueries {

    static final int MAX_LIMIT = 1000;

    private final TapProperties tap;
    private final RemediationProperties remediation;
    private final RunHistory history;
    private final Schedule schedule;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    RecordedState(TapProperties tap, RemediationProperties remediation, RunHistory history, Schedule schedule,
                  Clock clock) {
        this.tap = tap;
        this.remediation = remediation;
        this.history = history;
        this.schedule = schedule;
        this.clock = clock;
        history.onChange(this::invalidate);
    }

    @Override
    public List<StackStatus> stacks() {
        return tap.stacks().stream().map(this::status).toList();
    }

    @Override
    public Optional<StackStatus> stack(String name) {
        return tap.stack(name).map(this::status);
    }

    @Override
    public Optional<DriftReport> latestDrift(String stack) {
        return tap.stack(stack).flatMap(s -> Optional.ofNullable(summary(s.name()).latestDrift()));
    }

    @Override
    public List<RunRecord> runs(String stack, int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        return history.list(stack, bounded).stream().map(StoredRun::record).toList();
    }

    @Override
    public Optional<RunRecord> run(String id) {
        return history.find(id).map(StoredRun::record);
    }

    /** The run awaiting approval that may still be approved, if any. */
    Optional<StoredRun> pendingApproval(String stack) {
        Summary s = summary(stack);
        return Optional.ofNullable(s.latestDetected()).filter(this::approvable);
    }

    /** True when the run holds a plan that an operator may approve now. */
    boolean approvable(StoredRun run) {
        return run.status() == RunStatus.AWAITING_APPROVAL && run.approvedAt() == null && !expired(run);
    }

    boolean expired(StoredRun run) {
        return expired(run, remediation.approvalTtl(), clock.instant());
    }

    /** True when the plan of a run awaiting approval is older than the approval TTL. */
    static boolean expired(StoredRun run, java.time.Duration ttl, Instant now) {
        Instant heldSince = run.record().endedAt() != null ? run.record().endedAt() : run.record().startedAt();
        return !now.isBefore(heldSince.plus(ttl));
    }

    private StackStatus status(StackProperties stack) {
        Summary s = summary(stack.name());
        StoredRun detected = s.latestDetected();
        DriftReport drift = s.latestDrift();
        Map<String, Long> bySource = new TreeMap<>();
        if (drift != null) drift.countsBySource().forEach((k, v) -> bySource.put(k.name(), v));
        return new StackStatus(stack.name(), stack.remediation(), stack.interval(), schedule.running(stack.name()),
                s.lastRun() == null ? null : s.lastRun().record(),
                detected == null ? null : detected.record().endedAt(),
                schedule.nextRunAt(stack.name()),
                drift == null ? Map.of() : RunHistory.counts(drift), bySource,
                detected != null && approvable(detected) ? detected.id() : null,
                detected == null ? List.of() : detected.flapping(),
                detected == null ? List.of() : detected.complianceErrors());
    }

    private Summary summary(String stack) {
        AtomicLong generation = generations.computeIfAbsent(stack, k -> new AtomicLong());
        Cached cached = cache.get(stack);
        long g = generation.get();
        if (cached != null && cached.generation() == g) {
            return cached.summary();
        }
        Summary fresh = new Summary(history.list(stack, 1).stream().findFirst().orElse(null),
                history.latestDetected(stack).orElse(null));
        // a change committed while we read makes this summary possibly old: keep it out of the cache
        if (generation.get() == g) {
            cache.put(stack, new Cached(g, fresh));
        }
        return fresh;
    }

    /** Drops the cached summary of a stack; called after a change of its runs is committed. */
    void invalidate(String stack) {
        generations.computeIfAbsent(stack, k -> new AtomicLong()).incrementAndGet();
        cache.remove(stack);
    }

    private record Summary(StoredRun lastRun, StoredRun latestDetected) {
        DriftReport latestDrift() {
            return latestDetected == null ? null : latestDetected.currentReport();
        }
    }

    private record Cached(long generation, Summary summary) {
    }
}
