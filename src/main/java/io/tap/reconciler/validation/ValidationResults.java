package io.tap.reconciler.validation;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Validation reports stored with the run that produced them, so the newest report and each run's
 * evidence survive a restart. A report without a run id (the stand-alone IT suite) is not stored.
 */
public class ValidationResults {

    /** Column bound of {@code evidence}; the sentence is cut, never the row. */
    private static final int MAX_EVIDENCE = 2000;

    private final JdbcClient jdbc;

    public ValidationResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a run's report; the run must already be in the run history. */
    public void save(ValidationReport report) {
        if (report.runId() == null) {
            return;
        }
        List<CheckResult> results = report.results();
        for (int i = 0; i < results.size(); i++) {
            CheckResult r = results.get(i);
            jdbc.sql("""
                            INSERT INTO validation_result (run_id, position, stack, started_at, finished_at, check_name,
                                region, severity, status, evidence)
                            VALUES (:run, :pos, :stack, :started, :finished, :check, :region, :severity, :status, :evidence)""")
                    .param("run", report.runId()).param("pos", i).param("stack", report.stack())
                    .param("started", utc(report.startedAt())).param("finished", utc(report.finishedAt()))
                    .param("check", r.check()).param("region", r.region()).param("severity", r.severity().name())
                    .param("status", r.status().name()).param("evidence", bounded(r.evidence()))
                    .update();
        }
    }

    /** The newest stored report of a stack. */
    public Optional<ValidationReport> latest(String stack) {
        return jdbc.sql("""
                        SELECT run_id FROM validation_result WHERE stack = :stack
                        ORDER BY finished_at DESC, run_id FETCH FIRST 1 ROWS ONLY""")
                .param("stack", stack).query(String.class).optional()
                .flatMap(this::forRun);
    }

    /** The report stored for a run. */
    public Optional<ValidationReport> forRun(String runId) {
        List<Row> rows = jdbc.sql("SELECT * FROM validation_result WHERE run_id = :run ORDER BY position")
                .param("run", runId).query(ValidationResults::row).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row first = rows.get(0);
        return Optional.of(new ValidationReport(first.stack, runId, first.startedAt, first.finishedAt,
                rows.stream().map(Row::result).toList()));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("stack"), instant(rs, "started_at"), instant(rs, "finished_at"),
                new CheckResult(rs.getString("check_name"), rs.getString("region"),
                        CheckSeverity.valueOf(rs.getString("severity")), CheckStatus.valueOf(rs.getString("status")),
                        rs.getString("evidence")));
    }

    private static String bounded(String evidence) {
        return evidence.length() <= MAX_EVIDENCE ? evidence : evidence.substring(0, MAX_EVIDENCE - 1) + "…";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private record Row(String stack, Instant startedAt, Instant finishedAt, CheckResult result) {
    }
}
