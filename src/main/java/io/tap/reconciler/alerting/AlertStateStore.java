package io.tap.reconciler.alerting;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tap.reconciler.alerting.AlertOutbox.instant;
import static io.tap.reconciler.alerting.AlertOutbox.utc;

/** Per-stack alert state (table {@code alert_state}); written in the same transaction as the outbox. */
final class AlertStateStore {

    private final JdbcClient jdbc;

    AlertStateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, AlertState> load(String stack) {
        List<AlertState> rows = jdbc.sql("SELECT alert_key, fingerprint, is_open, opened_at, last_notified_at, resources, "
                        + "last_run_id FROM alert_state WHERE stack = ?")
                .param(stack)
                .query((rs, n) -> new AlertState(rs.getString("alert_key"), rs.getString("fingerprint"),
                        rs.getBoolean("is_open"), instant(rs.getObject("opened_at", OffsetDateTime.class)),
                        instant(rs.getObject("last_notified_at", OffsetDateTime.class)), rs.getInt("resources"),
                        rs.getString("last_run_id")))
                .list();
        Map<String, AlertState> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.put(r.key(), r));
        return byKey;
    }

    /** Update, else insert: portable across H2 and PostgreSQL; runs are single-flight per stack. */
    void save(String stack, AlertState s) {
        int updated = jdbc.sql("UPDATE alert_state SET fingerprint = ?, is_open = ?, opened_at = ?, last_notified_at = ?, "
                        + "resources = ?, last_run_id = ? WHERE stack = ? AND alert_key = ?")
                .params(s.fingerprint(), s.open(), utc(s.openedAt()), utc(s.lastNotifiedAt()), s.resources(),
                        s.lastRunId(), stack, s.key())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO alert_state (stack, alert_key, fingerprint, is_open, opened_at, last_notified_at, "
                            + "resources, last_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(stack, s.key(), s.fingerprint(), s.open(), utc(s.openedAt()), utc(s.lastNotifiedAt()),
                            s.resources(), s.lastRunId())
                    .update();
        }
    }
}
