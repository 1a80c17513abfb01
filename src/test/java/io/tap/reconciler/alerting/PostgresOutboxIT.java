package io.tap.reconciler.alerting;

import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import io.tap.reconciler.support.aws.SnsMessage;
import io.tap.reconciler.support.aws.SnsTopicCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tap.reconciler.alerting.Drifts.SG;
import static io.tap.reconciler.alerting.Drifts.cloud;
import static io.tap.reconciler.alerting.Drifts.report;
import static io.tap.reconciler.alerting.Drifts.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The migrations and the outbox SQL on a real PostgreSQL, not only H2. */
@ExtendWith(MotoExtension.class)
class PostgresOutboxIT {

    @Test
    void alertsAreQueuedPlannedAndDeliveredOnPostgres(@TempDir Path dataDir, MotoServer moto) throws Exception {
        try (PostgresServer pg = PostgresServer.start();
             SnsTopicCapture topic = SnsTopicCapture.create(moto, "us-east-1", "tap-alerts-pg", false);
             ConfigurableApplicationContext app = AlertingTestApp.start(dataDir, Map.of(
                     "spring.datasource.url", pg.jdbcUrl(),
                     "spring.datasource.username", "tap",
                     "tap.aws.endpoint", moto.endpoint().toString(),
                     "tap.alerts.topic-arn", topic.topicArn(),
                     "tap.stacks[0].name", "prod"))) {
            AlertService alerts = app.getBean(AlertService.class);
            var drift = report("prod", cloud(SG, "tags.Owner", "a", "b"));

            String detected = alerts.record(run("prod", "r1", drift)).get(0).id();
            assertThat(alerts.record(run("prod", "r2", drift))).isEmpty();
            String resolved = alerts.record(run("prod", "r3", report("prod"))).get(0).id();

            List<SnsMessage> got = topic.awaitMessages(2, Duration.ofSeconds(30));
            assertThat(got).extracting(m -> m.attributes().get("kind")).containsExactly("DRIFT_DETECTED", "DRIFT_RESOLVED");
            AlertOutbox outbox = app.getBean(AlertOutbox.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.countUnsent() == 0);
            assertThat(outbox.forStack("prod")).extracting(e -> e.alert().id()).containsExactly(detected, resolved);
            assertThat(outbox.find(detected).orElseThrow().alert().body()).contains("\"runId\":\"r1\"");
        }
    }
}
