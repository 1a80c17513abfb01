package io.tap.reconciler.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import io.tap.reconciler.support.aws.SnsMessage;
import io.tap.reconciler.support.aws.SnsTopicCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tap.reconciler.alerting.Drifts.BUCKET;
import static io.tap.reconciler.alerting.Drifts.SG;
import static io.tap.reconciler.alerting.Drifts.cloud;
import static io.tap.reconciler.alerting.Drifts.managedNonCompliant;
import static io.tap.reconciler.alerting.Drifts.report;
import static io.tap.reconciler.alerting.Drifts.run;
import static io.tap.reconciler.alerting.Drifts.unmanaged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerting against SNS on moto: alerts recorded through {@link AlertService} are read back from an
 * SQS queue subscribed to the topic. Each test uses a stack of its own on one running service.
 */
@ExtendWith(MotoExtension.class)
class SnsAlertingIT {

    private static final String REGION = "us-east-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSPHRASE = "planted-Pulumi-passphrase-7f3a9c";
    private static final String FILE_PASSPHRASE = "planted-passphrase-from-file-41b2";
    private static final String API_TOKEN = "planted-api-token-c0ffee-9e8d";
    private static final String OWN_STACK = "prod-own-topic";

    @TempDir
    static Path dataDir;
    private static SnsTopicCapture topic;
    private static SnsTopicCapture ownFifoTopic;
    private static ConfigurableApplicationContext app;
    private static final Map<String, List<SnsMessage>> inbox = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        MotoServer moto = MotoServer.shared();
        topic = SnsTopicCapture.create(moto, REGION, "tap-alerts", false);
        ownFifoTopic = SnsTopicCapture.create(moto, REGION, "tap-alerts-own", true);
        Path passphraseFile = Files.writeString(dataDir.resolve("passphrase.txt"), FILE_PASSPHRASE + "\n");
        app = AlertingTestApp.start(dataDir, Map.of(
                "tap.aws.endpoint", moto.endpoint().toString(),
                "tap.alerts.topic-arn", topic.topicArn(),
                "tap.alerts.renotify-interval", "1h",
                "tap.stacks[0].name", OWN_STACK,
                "tap.stacks[0].topic-arn", ownFifoTopic.topicArn(),
                "PULUMI_CONFIG_PASSPHRASE", PASSPHRASE,
                "PULUMI_CONFIG_PASSPHRASE_FILE", passphraseFile.toString(),
                "tap.api.token", API_TOKEN));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (topic != null) topic.close();
        if (ownFifoTopic != null) ownFifoTopic.close();
    }

    private static AlertService alerts() {
        return app.getBean(AlertService.class);
    }

    private static AlertOutbox outbox() {
        return app.getBean(AlertOutbox.class);
    }

    /** Waits for {@code n} messages of this stack on the default topic. */
    private static List<SnsMessage> messages(String stack, int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (SnsMessage m : topic.drain(Duration.ofMillis(300))) {
                inbox.computeIfAbsent(m.attributes().get("stack"), k -> new ArrayList<>()).add(m);
            }
            return inbox.getOrDefault(stack, List.of()).size() >= n;
        });
        return List.copyOf(inbox.get(stack));
    }

    /** All messages of the stack once nothing more arrives: its whole outbox has been sent and drained. */
    private static List<SnsMessage> settled(String stack) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox().forStack(stack).stream().allMatch(OutboxEntry::sent));
        for (SnsMessage m : topic.drain(Duration.ofSeconds(2))) {
            inbox.computeIfAbsent(m.attributes().get("stack"), k -> new ArrayList<>()).add(m);
        }
        return List.copyOf(inbox.getOrDefault(stack, List.of()));
    }

    @Test
    void aDriftAlertArrivesWithSubjectJsonBodyAndFilterAttributes() {
        DriftReport drift = report("s-content", cloud(SG, "ingress[0].cidrBlocks", "10.0.0.0/8", "0.0.0.0/0"));

        List<Alert> queued = alerts().record(run("s-content", "run-41", drift));

        SnsMessage m = messages("s-content", 1).get(0);
        assertThat(m.subject()).isEqualTo("[TAP s-content] Drift detected: 1 resource [WARNING]");
        assertThat(m.attributes()).containsEntry("severity", "WARNING").containsEntry("stack", "s-content")
                .containsEntry("kind", "DRIFT_DETECTED");
        JsonNode body = JSON.readTree(m.message());
        assertThat(body.path("id").asString()).isEqualTo(queued.get(0).id());
        assertThat(body.path("stack").asString()).isEqualTo("s-content");
        assertThat(body.path("regions").size()).isEqualTo(3);
        assertThat(body.path("kind").asString()).isEqualTo("DRIFT_DETECTED");
        assertThat(body.path("runId").asString()).isEqualTo("run-41");
        assertThat(body.path("fingerprint").asString()).isEqualTo(queued.get(0).fingerprint()).hasSize(32);
        assertThat(body.path("counts").path("resources").asInt()).isEqualTo(1);
        JsonNode change = body.path("resources").get(0).path("changes").get(0);
        assertThat(change.path("path").asString()).isEqualTo("ingress[0].cidrBlocks");
        assertThat(change.path("new").asString()).isEqualTo("0.0.0.0/0");
        assertThat(outbox().find(queued.get(0).id())).hasValueSatisfying(e -> {
            assertThat(e.sent()).isTrue();
            assertThat(e.messageId()).isEqualTo(m.messageId());
            assertThat(e.attempts()).isEqualTo(1);
        });
    }

    @Test
    void theSameDriftOnLaterRunsIsNotSentAgainAndAChangeIs() {
        DriftReport drift = report("s-dedup", cloud(SG, "tags.Owner", "platform-team", "intruder"));
        alerts().record(run("s-dedup", "r1", drift));
        alerts().record(run("s-dedup", "r2", drift));
        alerts().record(run("s-dedup", "r3", drift));
        alerts().record(run("s-dedup", "r4", report("s-dedup", cloud(SG, "tags.Owner", "platform-team", "intruder2"))));
        alerts().record(run("s-dedup", "r5", report("s-dedup", cloud(SG, "tags.Owner", "platform-team", "intruder2"))));

        List<SnsMessage> all = settled("s-dedup");

        assertThat(all).extracting(m -> m.attributes().get("kind")).containsExactly("DRIFT_DETECTED", "DRIFT_CHANGED");
        assertThat(JSON.readTree(all.get(1).message()).path("runId").asString()).isEqualTo("r4");
    }

    @Test
    void clearedDriftSendsResolved() {
        DriftReport drift = report("s-resolve", cloud(SG, "tags.Owner", "a", "b"), cloud(BUCKET, "tags.Owner", "a", "b"));
        alerts().record(run("s-resolve", "r1", drift));
        alerts().record(run("s-resolve", "r2", report("s-resolve")));
        alerts().record(run("s-resolve", "r3", report("s-resolve")));

        List<SnsMessage> all = settled("s-resolve");

        assertThat(all).extracting(m -> m.attributes().get("kind")).containsExactly("DRIFT_DETECTED", "DRIFT_RESOLVED");
        SnsMessage resolved = all.get(1);
        assertThat(resolved.attributes()).containsEntry("severity", "INFO");
        assertThat(resolved.subject()).isEqualTo("[TAP s-resolve] Drift resolved [INFO]");
        JsonNode body = JSON.readTree(resolved.message());
        assertThat(body.path("previousFingerprint").asString())
                .isEqualTo(JSON.readTree(all.get(0).message()).path("fingerprint").asString());
        assertThat(body.path("counts").path("previousResources").asInt()).isEqualTo(2);
    }

    @Test
    void stillOpenDriftIsSentAgainAfterTheRenotifyInterval() {
        DriftReport drift = report("s-renotify", cloud(SG, "tags.Owner", "a", "b"));
        alerts().record(run("s-renotify", "r1", drift));
        alerts().record(run("s-renotify", "r2", drift));
        app.getBean(MutableClock.class).advance(Duration.ofMinutes(61));
        alerts().record(run("s-renotify", "r3", drift));
        alerts().record(run("s-renotify", "r4", drift));

        List<SnsMessage> all = settled("s-renotify");

        assertThat(all).hasSize(2).allSatisfy(m -> assertThat(m.attributes()).containsEntry("kind", "DRIFT_DETECTED"));
        assertThat(all.get(1).subject()).startsWith("[TAP s-renotify] Drift still open");
        JsonNode body = JSON.readTree(all.get(1).message());
        assertThat(body.path("renotify").asBoolean()).isTrue();
        assertThat(body.path("runId").asString()).isEqualTo("r3");
        assertThat(body.path("openSince").asString()).isEqualTo(JSON.readTree(all.get(0).message()).path("openSince").asString());
    }

    @Test
    void aComplianceViolationSaysWhichResourcesTheStackManagesAndWillRemediate() {
        alerts().record(run("s-config", "r1", report("s-config", managedNonCompliant(BUCKET, "s3-bucket-sse"),
                unmanaged("arn:aws:s3:::not-ours", "s3-public-read"))));

        SnsMessage m = messages("s-config", 1).get(0);

        assertThat(m.attributes()).containsEntry("kind", "COMPLIANCE_VIOLATION").containsEntry("severity", "CRITICAL");
        JsonNode body = JSON.readTree(m.message());
        assertThat(body.path("counts").path("managed").asInt()).isEqualTo(1);
        assertThat(body.path("counts").path("unmanaged").asInt()).isEqualTo(1);
        assertThat(body.path("loop").asString()).contains("remediation policy");
        assertThat(body.path("resources").findValuesAsString("action"))
                .containsExactlyInAnyOrder("remediation-policy", "report-only");
    }

    @Test
    void runEventsAreSentOncePerDedupKey() {
        RunEvent.Event failed = new RunEvent.Event(AlertKind.RUN_FAILED, Severity.CRITICAL, "pulumi CLI not found",
                "engine:cli-missing", List.of());
        alerts().record(run("s-events", "r1", null, failed));
        alerts().record(run("s-events", "r2", null, failed));

        List<SnsMessage> all = settled("s-events");

        assertThat(all).singleElement().satisfies(m -> {
            assertThat(m.attributes()).containsEntry("kind", "RUN_FAILED").containsEntry("severity", "CRITICAL");
            assertThat(m.subject()).isEqualTo("[TAP s-events] RUN_FAILED: pulumi CLI not found [CRITICAL]");
            assertThat(JSON.readTree(m.message()).path("dedupKey").asString()).isEqualTo("engine:cli-missing");
        });
    }

    @Test
    void alertsOfARunWhoseTransactionRollsBackAreNeitherStoredNorSent() {
        TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        DriftReport drift = report("s-rollback", cloud(SG, "tags.Owner", "a", "b"));

        tx.executeWithoutResult(status -> {
            assertThat(alerts().record(run("s-rollback", "r1", drift))).hasSize(1);
            status.setRollbackOnly(); // the run's own recording failed
        });
        List<Alert> retried = alerts().record(run("s-rollback", "r1-retry", drift));

        assertThat(retried).as("the rolled-back state did not stick: still a transition").hasSize(1);
        assertThat(settled("s-rollback")).singleElement()
                .satisfies(m -> assertThat(JSON.readTree(m.message()).path("runId").asString()).isEqualTo("r1-retry"));
    }

    @Test
    void aStackWithItsOwnFifoTopicGetsItsAlertsThereWithTheAlertIdAsDeduplicationId() {
        List<Alert> queued = alerts().record(run(OWN_STACK, "r1", report(OWN_STACK, cloud(SG, "tags.Owner", "a", "b"))));

        List<SnsMessage> got = ownFifoTopic.awaitMessages(1, Duration.ofSeconds(30));

        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.attributes()).containsEntry("stack", OWN_STACK);
            assertThat(JSON.readTree(m.message()).path("runId").asString()).isEqualTo("r1");
            assertThat(m.sqs()).containsEntry("MessageDeduplicationId", queued.get(0).id())
                    .containsEntry("MessageGroupId", OWN_STACK);
        });
        assertThat(settled(OWN_STACK)).as("nothing on the default topic").isEmpty();
    }

    @Test
    void noMessageEverContainsASecretValue() {
        String stack = "s-secrets";
        RunEvent planted = new RunEvent(stack, "r1", Drifts.REGIONS, report(stack,
                cloud(SG, "userData", "#!/bin/sh\nexport PULUMI_CONFIG_PASSPHRASE=" + PASSPHRASE, "echo " + FILE_PASSPHRASE),
                cloud(BUCKET, "tags.Debug", "token=" + API_TOKEN, "x"),
                new io.tap.reconciler.drift.ResourceDrift("urn:pulumi:prod::tap::aws:rds/instance:Instance::db",
                        "aws:rds/instance:Instance", io.tap.reconciler.drift.Operation.UPDATE,
                        java.util.Set.of(io.tap.reconciler.drift.DriftSource.CLOUD),
                        List.of(new io.tap.reconciler.drift.PropertyChange("password", io.tap.reconciler.drift.ChangeKind.UPDATE,
                                true, "db-password-old-5521", "db-password-new-5521")),
                        List.of("noticed while using " + API_TOKEN))),
                List.of(new RunEvent.Event(AlertKind.RUN_FAILED, Severity.CRITICAL,
                        "pulumi: incorrect passphrase " + PASSPHRASE, "passphrase", List.of())));

        alerts().record(planted);
        List<SnsMessage> all = settled(stack);

        assertThat(all).hasSize(2);
        for (SnsMessage m : all) {
            assertThat(m.envelope()).doesNotContain(PASSPHRASE).doesNotContain(FILE_PASSPHRASE).doesNotContain(API_TOKEN)
                    .doesNotContain("db-password-old-5521").doesNotContain("db-password-new-5521");
        }
        assertThat(all).anySatisfy(m -> assertThat(m.message()).contains("[secret]"));
        assertThat(outbox().forStack(stack)).allSatisfy(e -> assertThat(e.alert().body() + e.alert().subject())
                .as("nor is one stored").doesNotContain(PASSPHRASE).doesNotContain(API_TOKEN));
    }

    @Test
    void sentAlertsAreCountedByKindAndResultAndTheBacklogGaugeDrainsToZero() {
        MeterRegistry registry = app.getBean(MeterRegistry.class);
        double before = sentCount(registry, "FLAPPING");

        alerts().record(run("s-metrics", "r1", null, new RunEvent.Event(AlertKind.FLAPPING, Severity.WARNING,
                "sg flaps", "sg", List.of(SG))));
        settled("s-metrics");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(sentCount(registry, "FLAPPING")).isEqualTo(before + 1);
            assertThat(registry.get("tap.alerts").tags("kind", "FLAPPING", "result", "queued").counter().count()).isPositive();
            assertThat(registry.get("tap.alerts.outbox.unsent").gauge().value()).isZero();
        });
    }

    private static double sentCount(MeterRegistry registry, String kind) {
        var c = registry.find("tap.alerts").tags("kind", kind, "result", "sent").counter();
        return c == null ? 0 : c.count();
    }
}
