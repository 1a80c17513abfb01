package io.tap.reconciler.alerting;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The durable outbox (table {@code alert_outbox}). Rows are added in the caller's transaction and
 * delivered in {@code seq} order. A sender first <em>claims</em> a row by moving its
 * {@code next_attempt_at} past the send, so two dispatchers never send the same row at once.
 */
final class AlertOutbox {

    private static final int MAX_ERROR = 1000;
    private static final String COLUMNS = "id, stack, kind, severity, run_id, fingerprint, regions, subject, body, "
            + "created_at, attempts, next_attempt_at, last_error, sent_at, message_id";

    private final JdbcClient jdbc;

    AlertOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Alert a) {
        jdbc.sql("INSERT INTO alert_outbox (id, stack, kind, severity, run_id, fingerprint, regions, subject, body, "
                        + "created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
                .params(a.id(), a.stack(), a.kind().name(), a.severity().name(), a.runId(), a.fingerprint(),
                        String.join(",", a.regions()), a.subject(), a.body(), utc(a.createdAt()), utc(a.createdAt()))
                .update();
    }

    /** The oldest unsent alerts, in delivery order, including ones waiting for a retry. */
    List<OutboxEntry> unsent(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_outbox WHERE sent_at IS NULL ORDER BY seq "
                        + "FETCH FIRST " + limit + " ROWS ONLY")
                .query(ROW).list();
    }

    /** Takes a due row for sending until {@code until}; false when it is not due or someone else has it. */
    boolean claim(String id, Instant now, Instant until) {
        return jdbc.sql("UPDATE alert_outbox SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND next_attempt_at <= ?")
                .params(utc(until), id, utc(now)).update() == 1;
    }

    void markSent(String id, Instant at, String messageId) {
        jdbc.sql("UPDATE alert_outbox SET sent_at = ?, message_id = ?, attempts = attempts + 1, last_error = NULL "
                        + "WHERE id = ? AND sent_at IS NULL")
                .params(utc(at), messageId, id).update();
    }

    void markFailed(String id, Instant retryAt, String error) {
        String e = error == null ? "unknown" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        jdbc.sql("UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
                        + "WHERE id = ? AND sent_at IS NULL")
                .params(e, utc(retryAt), id).update();
    }

    long countUnsent() {
        return jdbc.sql("SELECT COUNT(*) FROM alert_outbox WHERE sent_at IS NULL").query(Long.class).single();
    }

    Optional<OutboxEntry> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_outbox WHERE id = ?").param(id).query(ROW).optional();
    }

    /** Every row of a stack, oldest first (for tests and diagnostics). */
    List<OutboxEntry> forStack(String stack) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_outbox WHERE stack = ? ORDER BY seq").param(stack).query(ROW).list();
    }

    private static final RowMapper<OutboxEntry> ROW = (rs, n) -> new OutboxEntry(
            new Alert(rs.getString("id"), rs.getString("stack"), AlertKind.valueOf(rs.getString("kind")),
                    Severity.valueOf(rs.getString("severity")), rs.getString("run_id"), rs.getString("fingerprint"),
                    regions(rs.getString("regions")), rs.getString("subject"), rs.getString("body"),
                    instant(rs.getObject("created_at", OffsetDateTime.class))),
            rs.getInt("attempts"), instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
            rs.getString("last_error"), instant(rs.getObject("sent_at", OffsetDateTime.class)), rs.getString("message_id"));

    private static List<String> regions(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
