package io.tap.reconciler.validation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports stored with their run, over the real migrations on an H2 file database. */
class ValidationResultsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private JdbcClient jdbc;

    @BeforeEach
    void migrate(@TempDir Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("history") + ";DB_CLOSE_ON_EXIT=FALSE");
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = JdbcClient.create(ds);
    }

    private void run(String id, Instant startedAt) {
        jdbc.sql("""
                        INSERT INTO reconcile_run (id, stack, run_trigger, run_mode, started_at, status, instance_id)
                        VALUES (:id, 'prod', 'SCHEDULE', 'DETECT_ONLY', :t, 'RUNNING', 'test')""")
                .param("id", id).param("t", startedAt.atOffset(ZoneOffset.UTC)).update();
    }

    private static ValidationReport report(String runId, Instant at, CheckStatus vpc) {
        return new ValidationReport("prod", runId, at, at.plusSeconds(5), List.of(
                new CheckResult("network.vpc", "us-east-1", CheckSeverity.CRITICAL, vpc, "VPC vpc-1 is available."),
                new CheckResult("storage.bucket", "us-east-1", CheckSeverity.WARNING, CheckStatus.ERROR,
                        "AccessDenied: " + "x".repeat(3000))));
    }

    @Test
    void theNewestReportOfAStackIsReadBackInCheckOrder() {
        var results = new ValidationResults(jdbc);
        run("r1", T0);
        run("r2", T0.plusSeconds(300));
        results.save(report("r1", T0, CheckStatus.PASS));
        results.save(report("r2", T0.plusSeconds(300), CheckStatus.FAIL));

        ValidationReport latest = results.latest("prod").orElseThrow();

        assertThat(latest.runId()).isEqualTo("r2");
        assertThat(latest.finishedAt()).isEqualTo(T0.plusSeconds(305));
        assertThat(latest.results()).extracting(CheckResult::check).containsExactly("network.vpc", "storage.bucket");
        assertThat(latest.results().get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(latest.results().get(1).evidence()).hasSize(2000).endsWith("…");
        assertThat(results.forRun("r1").orElseThrow().results().get(0).status()).isEqualTo(CheckStatus.PASS);
        assertThat(results.latest("other")).isEmpty();
    }

    @Test
    void aRestartedServiceAnswersFromTheStoredReport() {
        run("r1", T0);
        new ValidationResults(jdbc).save(report("r1", T0, CheckStatus.FAIL));

        var restarted = new ValidationService(null, null, new SimpleMeterRegistry(), new ValidationResults(jdbc));

        assertThat(restarted.latest("prod")).hasValueSatisfying(r -> assertThat(r.failures()).hasSize(1));
        assertThat(restarted.forRun("r1")).isPresent();
    }

    @Test
    void purgingARunFromTheHistoryDeletesItsResultsAndStandAloneReportsAreNotStored() {
        var results = new ValidationResults(jdbc);
        run("r1", T0);
        results.save(report("r1", T0, CheckStatus.PASS));
        results.save(report(null, T0, CheckStatus.PASS));

        jdbc.sql("DELETE FROM reconcile_run WHERE id = 'r1'").update();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM validation_result").query(Long.class).single()).isZero();
        assertThat(results.latest("prod")).isEmpty();
    }
}
