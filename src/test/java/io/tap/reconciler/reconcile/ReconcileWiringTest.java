package io.tap.reconciler.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tap.reconciler.alerting.AlertService;
import io.tap.reconciler.config.RemediationProperties;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.engine.StackEngine;
import io.tap.reconciler.remediation.RemediationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.tap.reconciler.reconcile.FakeStackEngine.drift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconcile beans wired by Spring with the real JDBC, Flyway and transaction auto-configuration on an H2
 * file database under the data dir; the engine and alerting are the only doubles.
 */
class ReconcileWiringTest {

    @TempDir
    Path dir;

    private final FakeStackEngine engine = new FakeStackEngine();
    private final RecordingAlerts alerts = new RecordingAlerts();

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({TapProperties.class, RemediationProperties.class, ReconcileProperties.class})
    static class Properties {
        @Bean
        RemediationPolicy remediationPolicy(RemediationProperties p) {
            return new RemediationPolicy(p);
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
                        FlywayAutoConfiguration.class))
                .withUserConfiguration(Properties.class, ReconcileConfiguration.class)
                .withBean(StackEngine.class, () -> engine)
                .withBean(AlertService.class, () -> alerts)
                .withPropertyValues(
                        "tap.data-dir=" + dir,
                        "spring.datasource.url=jdbc:h2:file:" + dir.resolve("db/tap-reconciler") + ";DB_CLOSE_ON_EXIT=FALSE",
                        "tap.stacks[0].name=prod", "tap.stacks[0].remediation=AUTO",
                        "tap.topology.regions[0].name=us-east-1", "tap.topology.regions[0].vpc-cidr=10.10.0.0/16",
                        "tap.reconcile.enabled=false");
    }

    @Test
    void theContractsAreServedByTheWiredSchedulerAndSurviveANewContext() {
        engine.cloudDrift(drift("web", "aws:ec2/securityGroup:SecurityGroup", Operation.UPDATE, DriftSource.CLOUD));
        String[] runId = new String[1];
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            ReconcileOperations ops = ctx.getBean(ReconcileOperations.class);
            ReconcileQueries queries = ctx.getBean(ReconcileQueries.class);
            runId[0] = ops.trigger("prod", Trigger.REST, null).runId();
            await().atMost(Duration.ofSeconds(20)).until(() -> queries.run(runId[0]).map(r -> r.status().isFinal()).orElse(false));
            assertThat(queries.run(runId[0]).orElseThrow().status()).isEqualTo(RunStatus.REMEDIATED);
            assertThat(alerts.events).singleElement().satisfies(e -> assertThat(e.regions()).containsExactly("us-east-1"));
            assertThat(alerts.inTransaction).containsExactly(true);
        });
        assertThat(Files.exists(dir.resolve("db/tap-reconciler.mv.db"))).isTrue();
        runner().run(ctx -> {
            ReconcileQueries queries = ctx.getBean(ReconcileQueries.class);
            assertThat(queries.run(runId[0])).get().extracting(RunRecord::status).isEqualTo(RunStatus.REMEDIATED);
            assertThat(queries.stacks()).singleElement().satisfies(s -> {
                assertThat(s.lastRun().id()).isEqualTo(runId[0]);
                assertThat(s.running()).isFalse();
            });
        });
    }
}
