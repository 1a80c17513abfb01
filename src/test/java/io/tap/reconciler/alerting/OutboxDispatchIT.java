package io.tap.reconciler.alerting;

import io.tap.reconciler.config.AlertProperties;
import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import io.tap.reconciler.support.aws.SnsMessage;
import io.tap.reconciler.support.aws.SnsTopicCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.tap.reconciler.alerting.Drifts.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How the dispatcher sends the outbox: in order per stack, never twice, even with two dispatchers. */
@ExtendWith(MotoExtension.class)
class OutboxDispatchIT {

    private static final String REGION = "us-east-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RunEvent.Event failure(String key) {
        return new RunEvent.Event(AlertKind.RUN_FAILED, Severity.WARNING, "failure " + key, key, List.of());
    }

    @Test
    void twoDispatchersOverOneOutboxSendEachAlertExactlyOnce(@TempDir Path dataDir, MotoServer moto) throws Exception {
        try (SnsTopicCapture topic = SnsTopicCapture.create(moto, REGION, "tap-alerts-race", false);
             ConfigurableApplicationContext app = AlertingTestApp.start(dataDir, Map.of(
                     "tap.aws.endpoint", moto.endpoint().toString(),
                     "tap.alerts.topic-arn", topic.topicArn(),
                     "tap.alerts.dispatch.enabled", "false", // only the two below send
                     "tap.stacks[0].name", "prod"))) {
            AlertService alerts = app.getBean(AlertService.class);
            List<String> ids = new ArrayList<>();
            for (int stack = 0; stack < 6; stack++) {
                List<RunEvent.Event> events = new ArrayList<>();
                for (int i = 0; i < 5; i++) events.add(failure("k" + i));
                alerts.record(new RunEvent("stack-" + stack, "r1", Drifts.REGIONS, null, events))
                        .forEach(a -> ids.add(a.id()));
            }
            AlertOutbox outbox = app.getBean(AlertOutbox.class);
            OutboxDispatcher a = dispatcher(app);
            OutboxDispatcher b = dispatcher(app);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Integer> sentByA = CompletableFuture.supplyAsync(() -> drain(a, outbox, together), pool);
                CompletableFuture<Integer> sentByB = CompletableFuture.supplyAsync(() -> drain(b, outbox, together), pool);

                assertThat(sentByA.get() + sentByB.get()).isEqualTo(30);
            } finally {
                pool.shutdownNow();
            }
            List<SnsMessage> got = topic.awaitMessages(30, Duration.ofSeconds(30));
            got.addAll(topic.drain(Duration.ofSeconds(2)));

            assertThat(got).hasSize(30);
            assertThat(got).extracting(m -> JSON.readTree(m.message()).path("id").asString())
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(outbox.countUnsent()).isZero();
        }
    }

    @Test
    void aStackWhoseTopicFailsHoldsBackOnlyItsOwnLaterAlertsUntilTheTopicIsFixed(@TempDir Path dataDir, MotoServer moto) {
        String missing = MotoServer.uniqueName("tap-alerts-missing");
        try (SnsTopicCapture fine = SnsTopicCapture.create(moto, REGION, "tap-alerts-fine", false);
             ConfigurableApplicationContext app = AlertingTestApp.start(dataDir, Map.of(
                     "tap.aws.endpoint", moto.endpoint().toString(),
                     "tap.alerts.topic-arn", fine.topicArn(),
                     "tap.stacks[0].name", "broken",
                     "tap.stacks[0].topic-arn", SnsTopicCapture.topicArn(REGION, missing),
                     "tap.stacks[1].name", "fine"))) {
            AlertService alerts = app.getBean(AlertService.class);
            AlertOutbox outbox = app.getBean(AlertOutbox.class);
            List<Alert> broken = alerts.record(run("broken", "r1", null, failure("first"), failure("second")));
            alerts.record(run("fine", "r1", null, failure("only")));

            assertThat(fine.awaitMessages(1, Duration.ofSeconds(30)))
                    .singleElement().satisfies(m -> assertThat(m.attributes()).containsEntry("stack", "fine"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(outbox.find(broken.get(0).id()).orElseThrow()).satisfies(e -> {
                        assertThat(e.attempts()).isGreaterThanOrEqualTo(2);
                        assertThat(e.lastError()).contains("NotFound");
                    }));
            assertThat(outbox.find(broken.get(1).id()).orElseThrow().attempts())
                    .as("held back behind the first, so the stack's alerts keep their order").isZero();

            // the operator creates the topic; the dispatcher pauses meanwhile so nothing is published to it
            // between its creation and the test queue's subscription
            OutboxDispatcher dispatcher = app.getBean(OutboxDispatcher.class);
            dispatcher.stop();
            try (SnsTopicCapture created = SnsTopicCapture.createNamed(moto, REGION, missing)) {
                dispatcher.start();
                List<SnsMessage> got = created.awaitMessages(2, Duration.ofSeconds(30));

                assertThat(got).extracting(m -> JSON.readTree(m.message()).path("id").asString())
                        .containsExactly(broken.get(0).id(), broken.get(1).id());
            }
        }
    }

    private static OutboxDispatcher dispatcher(ConfigurableApplicationContext app) {
        AlertProperties props = app.getBean(AlertProperties.class);
        return new OutboxDispatcher(app.getBean(AlertOutbox.class), app.getBean(SnsAlertPublisher.class),
                app.getBean(TopicResolver.class), props.dispatch(), app.getBean(SecretScrubber.class),
                app.getBean(AlertMetrics.class), Clock.systemUTC());
    }

    private static int drain(OutboxDispatcher d, AlertOutbox outbox, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int sent = 0;
        while (outbox.countUnsent() > 0) sent += d.dispatchOnce();
        return sent;
    }
}
