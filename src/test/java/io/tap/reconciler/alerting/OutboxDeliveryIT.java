package io.tap.reconciler.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import io.tap.reconciler.support.aws.SnsMessage;
import io.tap.reconciler.support.aws.SnsTopicCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

/** The outbox keeps alerts while SNS is unreachable and across a restart, and sends each exactly once. */
@ExtendWith(MotoExtension.class)
class OutboxDeliveryIT {

    private static final String REGION = "us-east-1";

    @Test
    void alertsWaitWhileSnsIsDownAreRetriedWithBackoffAndDeliveredOnceItIsBack(@TempDir Path dataDir) {
        String name = MotoServer.uniqueName("tap-alerts-down");
        try (MotoServer own = MotoServer.startPrivate()) {
            SnsTopicCapture.createNamed(own, REGION, name).close();
            own.stop(); // SNS is down from here on
            try (ConfigurableApplicationContext app = AlertingTestApp.start(dataDir, Map.of(
                    "tap.aws.endpoint", own.endpoint().toString(),
                    "tap.alerts.topic-arn", SnsTopicCapture.topicArn(REGION, name),
                    "tap.stacks[0].name", "prod"))) {
                AlertOutbox outbox = app.getBean(AlertOutbox.class);
                MeterRegistry registry = app.getBean(MeterRegistry.class);
                String id = app.getBean(AlertService.class)
                        .record(run("prod", "r1", report("prod", cloud(SG, "tags.Owner", "a", "b")))).get(0).id();

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(outbox.find(id)).hasValueSatisfying(e -> {
                    assertThat(e.sent()).isFalse();
                    assertThat(e.attempts()).isGreaterThanOrEqualTo(3);
                    assertThat(e.lastError()).isNotBlank();
                    assertThat(e.nextAttemptAt()).isAfter(e.alert().createdAt());
                }));
                assertThat(registry.get("tap.alerts").tags("kind", "DRIFT_DETECTED", "result", "failed").counter().count())
                        .isGreaterThanOrEqualTo(3);
                assertThat(registry.get("tap.alerts.outbox.unsent").gauge().value()).isEqualTo(1);

                // Back. A restarted moto starts empty, so the topic and its subscriber are created again; the
                // dispatcher pauses meanwhile, or it could publish to the topic before the queue subscribed.
                OutboxDispatcher dispatcher = app.getBean(OutboxDispatcher.class);
                dispatcher.stop();
                own.restart();
                try (SnsTopicCapture topic = SnsTopicCapture.createNamed(own, REGION, name)) {
                    dispatcher.start();
                    List<SnsMessage> got = topic.awaitMessages(1, Duration.ofSeconds(30));

                    assertThat(got).singleElement().satisfies(m -> assertThat(m.message()).contains(id));
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(outbox.find(id)).hasValueSatisfying(e -> {
                                assertThat(e.sent()).isTrue();
                                assertThat(e.lastError()).isNull();
                                assertThat(e.messageId()).isEqualTo(got.get(0).messageId());
                            }));
                    assertThat(topic.drain(Duration.ofSeconds(2))).as("sent once").isEmpty();
                    assertThat(registry.get("tap.alerts.outbox.unsent").gauge().value()).isZero();
                }
            }
        }
    }

    @Test
    void unsentAlertsAreDeliveredAfterARestartInOrderAndOnlyOnce(@TempDir Path dataDir, MotoServer moto) {
        DriftReport drift = report("prod", cloud(SG, "tags.Owner", "a", "b"));
        try (SnsTopicCapture topic = SnsTopicCapture.create(moto, REGION, "tap-alerts-restart", false)) {
            Map<String, String> common = Map.of("tap.alerts.topic-arn", topic.topicArn(), "tap.stacks[0].name", "prod");
            List<String> ids;
            // first life: SNS unreachable (nothing listens on the port), then the service stops
            try (ConfigurableApplicationContext first = AlertingTestApp.start(dataDir, with(common,
                    "tap.aws.endpoint", "http://127.0.0.1:" + closedPort()))) {
                AlertService alerts = first.getBean(AlertService.class);
                String detected = alerts.record(run("prod", "r1", drift)).get(0).id();
                String resolved = alerts.record(run("prod", "r2", report("prod"))).get(0).id();
                ids = List.of(detected, resolved);
                AlertOutbox outbox = first.getBean(AlertOutbox.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> outbox.find(detected).orElseThrow().attempts() >= 1);
                assertThat(outbox.countUnsent()).isEqualTo(2);
            }
            // second life, same database, SNS reachable
            try (ConfigurableApplicationContext second = AlertingTestApp.start(dataDir, with(common,
                    "tap.aws.endpoint", moto.endpoint().toString()))) {
                List<SnsMessage> got = topic.awaitMessages(2, Duration.ofSeconds(30));
                got = concat(got, topic.drain(Duration.ofSeconds(3)));

                assertThat(got).extracting(m -> m.attributes().get("kind")).containsExactly("DRIFT_DETECTED", "DRIFT_RESOLVED");
                assertThat(got.get(0).message()).contains(ids.get(0));
                assertThat(got.get(1).message()).contains(ids.get(1));
                AlertOutbox outbox = second.getBean(AlertOutbox.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> outbox.countUnsent() == 0);
                assertThat(second.getBean(AlertService.class).record(run("prod", "r3", report("prod"))))
                        .as("the alert state survived the restart too: still resolved, nothing to send").isEmpty();
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static List<SnsMessage> concat(List<SnsMessage> a, List<SnsMessage> b) {
        java.util.ArrayList<SnsMessage> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
