package io.tap.reconciler.observability;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.reconcile.ReconcileQueries;
import io.tap.reconciler.reconcile.RunRecord;
import io.tap.reconciler.reconcile.RunStatus;
import io.tap.reconciler.reconcile.StackStatus;
import io.tap.reconciler.reconcile.Trigger;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /actuator/reconciliation}: per-stack state for operators, with the compliance findings of
 * the latest report. Needs a viewer token (it names resources); reads recorded state only.
 */
@Endpoint(id = "reconciliation")
public class ReconciliationEndpoint {

    private final ReconcileQueries queries;
    private final Clock clock;
    private final Instant startedAt;

    ReconciliationEndpoint(ReconcileQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @ReadOperation
    public Snapshot reconciliation() {
        Instant now = clock.instant();
        return new Snapshot(now, queries.stacks().stream().map(s -> state(s, now)).toList());
    }

    /** One stack; {@code null} makes the endpoint answer 404. */
    @ReadOperation
    public StackState stack(@Selector String stack) {
        return queries.stack(stack).map(s -> state(s, clock.instant())).orElse(null);
    }

    private StackState state(StackStatus s, Instant now) {
        Freshness f = Freshness.of(s, startedAt, now);
        Optional<DriftReport> report = queries.latestDrift(s.name());
        List<Finding> findings = report.map(r -> r.resources().stream()
                .filter(d -> d.sources().contains(DriftSource.COMPLIANCE) || d.sources().contains(DriftSource.UNMANAGED))
                .map(Finding::of).toList()).orElse(List.of());
        RunRecord last = s.lastRun();
        return new StackState(s.name(), s.mode(), s.interval().toString(), s.running(), f.state().name(),
                f.staleAfter(), s.lastSuccessfulCheckAt(), s.nextRunAt(),
                last == null ? null : new LastRun(last.id(), last.trigger(), last.status(), last.startedAt(),
                        last.endedAt(), last.failureKind(), last.decision()),
                report.map(DriftReport::fingerprint).orElse(null),
                s.driftCounts(), s.driftBySource(), s.pendingApprovalRunId(),
                s.flappingUrns() == null ? List.of() : s.flappingUrns(),
                new Compliance(s.complianceErrors() == null ? List.of() : s.complianceErrors(), findings));
    }

    /**
     * Every stack at {@code at}.
     *
     * @param at     when the snapshot was taken
     * @param stacks one entry per configured stack
     */
    public record Snapshot(Instant at, List<StackState> stacks) {
    }

    /**
     * The state of one stack.
     *
     * @param name                  stack name
     * @param mode                  configured remediation mode
     * @param interval              scheduling interval (ISO-8601)
     * @param running               a run is in flight
     * @param freshness             FRESH, STARTING or STALE (readiness is DOWN when STALE)
     * @param staleAfter            when the stack becomes stale without a new successful check
     * @param lastSuccessfulCheckAt end of the newest run whose detection completed
     * @param nextRunAt             next scheduled run
     * @param lastRun               the newest run
     * @param fingerprint           fingerprint of the latest drift report
     * @param driftCounts           resources per operation in the latest report
     * @param driftBySource         resources per source in the latest report
     * @param pendingApprovalRunId  the run awaiting approval
     * @param flappingResources     resources escalated as flapping
     * @param compliance            AWS Config findings and read errors
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StackState(String name, RemediationMode mode, String interval, boolean running, String freshness,
                             Instant staleAfter, Instant lastSuccessfulCheckAt, Instant nextRunAt, LastRun lastRun,
                             String fingerprint, Map<String, Long> driftCounts, Map<String, Long> driftBySource,
                             String pendingApprovalRunId, List<String> flappingResources, Compliance compliance) {
    }

    /**
     * The newest run, briefly.
     *
     * @param id          run id
     * @param trigger     what started it
     * @param status      outcome
     * @param startedAt   start
     * @param endedAt     end
     * @param failureKind classified failure
     * @param decision    remediation decision in words
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastRun(String id, Trigger trigger, RunStatus status, Instant startedAt, Instant endedAt,
                          String failureKind, String decision) {
    }

    /**
     * Compliance of a stack.
     *
     * @param readErrors regions whose AWS Config compliance could not be read in the latest run
     * @param findings   COMPLIANCE (managed, NON_COMPLIANT) and UNMANAGED entries of the latest report
     */
    public record Compliance(List<String> readErrors, List<Finding> findings) {
    }

    /**
     * One compliance finding.
     *
     * @param urn       URN, or ARN/id when unmanaged
     * @param type      resource type
     * @param operation what converging it would do ({@code NONE} when it is evidence only)
     * @param sources   who saw it
     * @param notes     Config rule names and annotations
     */
    public record Finding(String urn, String type, Operation operation, List<DriftSource> sources, List<String> notes) {

        static Finding of(ResourceDrift d) {
            return new Finding(d.urn(), d.type(), d.operation(), d.sources().stream().sorted().toList(), d.notes());
        }
    }
}
