package io.tap.reconciler.reconcile;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tap.reconciler.compliance.ComplianceReader;
import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.config.RemediationProperties;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.engine.StackEngine;
import io.tap.reconciler.remediation.RemediationPolicy;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reconcile package wired by hand, without Spring: a real H2 file database (migrated by Flyway) under a
 * temp dir, the real policy, history, reconciler and scheduler, and test doubles only at the boundaries
 * (engine, alerting). {@link #restart()} closes everything and opens it again on the same files, like a new
 * process.
 */
final class Harness implements AutoCloseable {

    final Path dir;
    final StackEngine engine;
    final RecordingAlerts alerts = new RecordingAlerts();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MutableClock clock = new MutableClock();
    final TapProperties tap;
    final RemediationProperties remediation;
    final ReconcileProperties reconcile;
    ComplianceReader compliance;
    HikariDataSource dataSource;
    RunHistory history;
    Reconciler reconciler;
    ReconcileScheduler scheduler;
    RecordedState queries;

    Harness(Path dir, StackEngine engine, RemediationMode mode, RemediationProperties remediation,
            ReconcileProperties reconcile) {
        this(dir, engine, new StackProperties("prod", null, "fixture", Duration.ofHours(1), Duration.ZERO, mode, null),
                remediation, reconcile);
    }

    Harness(Path dir, StackEngine engine, StackProperties stack, RemediationProperties remediation,
            ReconcileProperties reconcile) {
        this.dir = dir;
        this.engine = engine;
        this.remediation = remediation;
        this.reconcile = reconcile;
        this.tap = new TapProperties(dir, List.of(stack));
        open();
    }

    static RemediationProperties guardrails() {
        return new RemediationProperties(Set.of("DELETE", "REPLACE"), Set.of("aws:rds/instance:Instance"), 3,
                Duration.ofHours(1), 3);
    }

    /** Scheduling off (tests trigger by hand), fast backoff. */
    static ReconcileProperties manual() {
        return new ReconcileProperties(false, 2, Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofDays(30));
    }

    StackProperties stack() {
        return tap.stacks().get(0);
    }

    void open() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db/tap").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        history = new RunHistory(JdbcClient.create(dataSource), "test-instance");
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (compliance != null) beans.addBean("compliance", compliance);
        ObjectProvider<ComplianceReader> complianceProvider = beans.getBeanProvider(ComplianceReader.class);
        reconciler = new Reconciler(engine, complianceProvider, null, new RemediationPolicy(remediation), remediation,
                history, alerts, tx, meters, new StackRegions(List.of("us-east-1", "us-west-2")),
                new SecretMasker(Map.of("PULUMI_CONFIG_PASSPHRASE", "correct-horse-battery")), clock, null);
        scheduler = new ReconcileScheduler(tap, reconcile, reconciler, remediation.approvalTtl(), history, engine, tx,
                clock);
        queries = new RecordedState(tap, remediation, history, scheduler, clock);
    }

    /** Stops the scheduler and closes the database, then opens both again on the same files. */
    void restart() {
        close();
        open();
    }

    @Override
    public void close() {
        if (scheduler.isRunning()) scheduler.stop();
        dataSource.close();
    }

    /** The real clock plus an offset that tests move forward by hand. */
    static final class MutableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
