package io.tap.reconciler.reconcile;

import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.drift.DriftReport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The durable history of runs, over JDBC ({@code reconcile_run}, Flyway {@code V1}). Writes that end a run
 * only apply to a row that is still RUNNING, so a run finished by its worker and one marked INTERRUPTED
 * by a shutdown never overwrite each other.
 */
class RunHistory {

    private static final String COLUMNS = """
            id, stack, run_trigger, run_mode, started_at, ended_at, status, failure_kind, fingerprint, drift_counts,
            decision, planned_targets, applied_targets, flapping, compliance_errors, error_summary, report,
            current_report, approval_of, approved_by, approved_at, approval_run_id""";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String instanceId;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    RunHistory(JdbcClient jdbc, String instanceId) {
        this.jdbc = jdbc;
        this.instanceId = instanceId;
        this.json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** Calls {@code listener} with the stack name after a change of its runs is committed. */
    void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void changed(String stack) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    listeners.forEach(l -> l.accept(stack));
                }
            });
        } else {
            listeners.forEach(l -> l.accept(stack));
        }
    }

    /** Records the start of a run (status RUNNING). */
    void start(String id, String stack, Trigger trigger, RemediationMode mode, Instant startedAt, String approvalOf) {
        jdbc.sql("""
                        INSERT INTO reconcile_run (id, stack, run_trigger, run_mode, started_at, status, approval_of, instance_id)
                        VALUES (:id, :stack, :trigger, :mode, :startedAt, 'RUNNING', :approvalOf, :instance)""")
                .param("id", id).param("stack", stack).param("trigger", trigger.name()).param("mode", mode.name())
                .param("startedAt", time(startedAt)).param("approvalOf", approvalOf).param("instance", instanceId)
                .update();
        changed(stack);
    }

    /**
     * Ends a run that is still RUNNING.
     *
     * @return false when the run had already ended (e.g. it was marked INTERRUPTED on shutdown)
     */
    boolean finish(FinishedRun run) {
        boolean updated = jdbc.sql("""
                        UPDATE reconcile_run SET ended_at = :endedAt, status = :status, failure_kind = :failureKind,
                            fingerprint = :fingerprint, drift_counts = :driftCounts, decision = :decision,
                            planned_targets = :planned, applied_targets = :applied, flapping = :flapping,
                            compliance_errors = :complianceErrors, error_summary = :error, report = :report,
                            current_report = :currentReport
                        WHERE id = :id AND status = 'RUNNING'""")
                .param("id", run.id()).param("endedAt", time(run.endedAt())).param("status", run.status().name())
                .param("failureKind", run.failureKind() == null ? null : run.failureKind().name())
                .param("fingerprint", run.report() == null ? null : run.report().fingerprint())
                .param("driftCounts", run.report() == null ? null : write(counts(run.report())))
                .param("decision", truncate(run.decision(), 4000))
                .param("planned", write(run.plannedTargets())).param("applied", write(run.appliedTargets()))
                .param("flapping", write(run.flapping())).param("complianceErrors", write(run.complianceErrors()))
                .param("error", truncate(run.error(), 4000))
                .param("report", run.report() == null ? null : write(run.report()))
                .param("currentReport", run.currentReport() == null ? null : write(run.currentReport()))
                .update() == 1;
        changed(run.stack());
        return updated;
    }

    /**
     * Marks a run awaiting approval as approved, once.
     *
     * @return false when it was already approved or is not awaiting approval
     */
    boolean markApproved(String stack, String id, String approver, Instant at, String approvalRunId) {
        boolean updated = jdbc.sql("""
                        UPDATE reconcile_run SET approved_by = :approver, approved_at = :at, approval_run_id = :runId
                        WHERE id = :id AND status = 'AWAITING_APPROVAL' AND approved_at IS NULL""")
                .param("id", id).param("approver", truncate(approver, 256)).param("at", time(at))
                .param("runId", approvalRunId)
                .update() == 1;
        changed(stack);
        return updated;
    }

    /**
     * Deletes ended runs of a stack that started before {@code cutoff}, keeping the newest run with a drift
     * report (the stack's latest drift, and with it a plan that may still await approval).
     *
     * @return how many runs were deleted
     */
    int purge(String stack, Instant cutoff) {
        Optional<Long> keep = jdbc.sql("SELECT seq FROM reconcile_run WHERE stack = :stack AND current_report IS NOT NULL"
                        + " ORDER BY seq DESC LIMIT 1")
                .param("stack", stack).query(Long.class).optional();
        if (keep.isEmpty()) return 0;
        int deleted = jdbc.sql("""
                        DELETE FROM reconcile_run WHERE stack = :stack AND status <> 'RUNNING' AND started_at < :cutoff
                            AND seq < :keep""")
                .param("stack", stack).param("cutoff", time(cutoff)).param("keep", keep.get()).update();
        if (deleted > 0) changed(stack);
        return deleted;
    }

    Optional<StoredRun> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reconcile_run WHERE id = :id").param("id", id)
                .query(this::map).optional();
    }

    /** Newest first; {@code stack} may be {@code null} for all stacks. */
    List<StoredRun> list(String stack, int limit) {
        if (stack == null) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM reconcile_run ORDER BY seq DESC LIMIT :limit")
                    .param("limit", limit).query(this::map).list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM reconcile_run WHERE stack = :stack"
                        + " ORDER BY seq DESC LIMIT :limit")
                .param("stack", stack).param("limit", limit).query(this::map).list();
    }

    /** What the newest ended runs of a stack remediated and escalated, newest first (no reports: cheap). */
    List<RemediationTrace> recentEnded(String stack, int limit) {
        return jdbc.sql("SELECT status, applied_targets, flapping FROM reconcile_run"
                        + " WHERE stack = :stack AND status <> 'RUNNING' ORDER BY seq DESC LIMIT :limit")
                .param("stack", stack).param("limit", limit)
                .query((rs, row) -> new RemediationTrace(RunStatus.valueOf(rs.getString("status")),
                        readList(rs.getString("applied_targets")), readList(rs.getString("flapping"))))
                .list();
    }

    /** The part of a run that flapping detection needs. */
    record RemediationTrace(RunStatus status, List<String> appliedTargets, List<String> flapping) {
    }

    /** The newest run of a stack whose detection completed. */
    Optional<StoredRun> latestDetected(String stack) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reconcile_run WHERE stack = :stack AND current_report IS NOT NULL"
                        + " ORDER BY seq DESC LIMIT 1")
                .param("stack", stack).query(this::map).optional();
    }

    /** Runs still marked RUNNING. */
    List<StoredRun> running() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reconcile_run WHERE status = 'RUNNING' ORDER BY seq")
                .query(this::map).list();
    }

    private StoredRun map(ResultSet rs, int row) throws SQLException {
        DriftReport report = read(rs.getString("report"), DriftReport.class);
        RunRecord record = new RunRecord(rs.getString("id"), rs.getString("stack"),
                Trigger.valueOf(rs.getString("run_trigger")), RemediationMode.valueOf(rs.getString("run_mode")),
                instant(rs, "started_at"), instant(rs, "ended_at"), RunStatus.valueOf(rs.getString("status")),
                rs.getString("failure_kind"), rs.getString("fingerprint"), readCounts(rs.getString("drift_counts")),
                rs.getString("decision"), readList(rs.getString("applied_targets")), rs.getString("error_summary"),
                report);
        return new StoredRun(record, readList(rs.getString("planned_targets")), readList(rs.getString("flapping")),
                readList(rs.getString("compliance_errors")), read(rs.getString("current_report"), DriftReport.class),
                rs.getString("approval_of"), rs.getString("approved_by"), instant(rs, "approved_at"),
                rs.getString("approval_run_id"));
    }

    static Map<String, Long> counts(DriftReport report) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        report.countsByOperation().forEach((op, n) -> counts.put(op.name(), n));
        return counts;
    }

    private String write(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    private <T> T read(String text, Class<T> type) {
        return text == null ? null : json.readValue(text, type);
    }

    private List<String> readList(String text) {
        return text == null ? List.of() : json.readValue(text, STRINGS);
    }

    private Map<String, Long> readCounts(String text) {
        return text == null ? Map.of() : json.readValue(text, COUNTS);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Everything known at the end of a run. */
    record FinishedRun(String id, String stack, Instant endedAt, RunStatus status, FailureKind failureKind, String decision,
                       List<String> plannedTargets, List<String> appliedTargets, List<String> flapping,
                       List<String> complianceErrors, String error, DriftReport report, DriftReport currentReport) {
    }
}
