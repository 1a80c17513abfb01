package io.tap.reconciler.alerting;

import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tap.reconciler.alerting.Drifts.BUCKET;
import static io.tap.reconciler.alerting.Drifts.SG;
import static io.tap.reconciler.alerting.Drifts.cloud;
import static io.tap.reconciler.alerting.Drifts.managedNonCompliant;
import static io.tap.reconciler.alerting.Drifts.report;
import static io.tap.reconciler.alerting.Drifts.run;
import static io.tap.reconciler.alerting.Drifts.unmanaged;
import static org.assertj.core.api.Assertions.assertThat;

class AlertMessageWriterTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:05:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "correct-horse-battery-staple";

    private final SecretScrubber scrubber = new SecretScrubber(List.of(SECRET));
    private final AlertMessageWriter writer = new AlertMessageWriter(scrubber, 64 * 1024, 512);
    private final AlertPlanner planner = new AlertPlanner(Duration.ofHours(4));

    private AlertMessageWriter.Rendered first(AlertMessageWriter w, RunEvent run) {
        PlannedAlert alert = planner.plan(run, Map.of(), NOW).alerts().get(0);
        return w.render("alert-1", alert, run, NOW);
    }

    @Test
    void theBodyCarriesStackRegionsKindRunFingerprintCountsAndAttributeDiffs() {
        DriftReport drift = report("prod", cloud(SG, "ingress[0].cidrBlocks", "10.0.0.0/8", "0.0.0.0/0"));

        AlertMessageWriter.Rendered m = first(writer, run("prod", "run-7", drift));

        JsonNode body = JSON.readTree(m.body());
        assertThat(body.path("schema").asString()).isEqualTo("tap.alert/v1");
        assertThat(body.path("stack").asString()).isEqualTo("prod");
        assertThat(body.path("regions").toString()).isEqualTo("[\"us-east-1\",\"us-west-2\",\"ap-south-1\"]");
        assertThat(body.path("kind").asString()).isEqualTo("DRIFT_DETECTED");
        assertThat(body.path("severity").asString()).isEqualTo("WARNING");
        assertThat(body.path("runId").asString()).isEqualTo("run-7");
        assertThat(body.path("fingerprint").asString()).isEqualTo(AlertPlanner.fingerprint(AlertScope.DRIFT, drift));
        assertThat(body.path("counts").path("resources").asInt()).isEqualTo(1);
        assertThat(body.path("counts").path("byOperation").path("UPDATE").asInt()).isEqualTo(1);
        assertThat(body.path("counts").path("bySource").path("CLOUD").asInt()).isEqualTo(1);
        JsonNode change = body.path("resources").get(0).path("changes").get(0);
        assertThat(change.path("path").asString()).isEqualTo("ingress[0].cidrBlocks");
        assertThat(change.path("old").asString()).isEqualTo("10.0.0.0/8");
        assertThat(change.path("new").asString()).isEqualTo("0.0.0.0/0");
        assertThat(body.has("omitted")).isFalse();
        assertThat(m.subject()).isEqualTo("[TAP prod] Drift detected: 1 resource [WARNING]");
    }

    @Test
    void complianceBodiesSayWhichResourcesAreManagedAndWhatHappensToThem() {
        DriftReport findings = report("prod", managedNonCompliant(BUCKET, "s3-encryption"),
                unmanaged("arn:aws:s3:::other", "s3-public-read"));

        AlertMessageWriter.Rendered m = first(writer, run("prod", "run-1", findings));

        JsonNode body = JSON.readTree(m.body());
        assertThat(body.path("kind").asString()).isEqualTo("COMPLIANCE_VIOLATION");
        assertThat(body.path("scope").asString()).isEqualTo("compliance");
        assertThat(body.path("counts").path("managed").asInt()).isEqualTo(1);
        assertThat(body.path("counts").path("unmanaged").asInt()).isEqualTo(1);
        assertThat(body.path("loop").asString()).contains("remediation policy").contains("never touched");
        Map<String, JsonNode> byUrn = new java.util.HashMap<>();
        body.path("resources").forEach(r -> byUrn.put(r.path("urn").asString(), r));
        assertThat(byUrn.get(BUCKET).path("managed").asBoolean()).isTrue();
        assertThat(byUrn.get(BUCKET).path("action").asString()).isEqualTo("remediation-policy");
        assertThat(byUrn.get(BUCKET).path("notes").get(0).asString()).contains("s3-encryption");
        assertThat(byUrn.get("arn:aws:s3:::other").path("managed").asBoolean()).isFalse();
        assertThat(byUrn.get("arn:aws:s3:::other").path("action").asString()).isEqualTo("report-only");
        assertThat(m.subject()).isEqualTo("[TAP prod] Non-compliant: 1 managed, 1 unmanaged [CRITICAL]");
    }

    @Test
    void aLargeReportIsCutAtTheBoundAndTheRestSummarised() {
        List<ResourceDrift> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            List<PropertyChange> changes = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                changes.add(new PropertyChange("tags.k" + c, ChangeKind.UPDATE, true, "v".repeat(40), "w".repeat(40)));
            }
            many.add(ResourceDrift.of(SG + i, "aws:ec2/securityGroup:SecurityGroup",
                    i % 2 == 0 ? Operation.UPDATE : Operation.DELETE, DriftSource.CLOUD, changes));
        }
        AlertMessageWriter small = new AlertMessageWriter(scrubber, 16 * 1024, 512);

        AlertMessageWriter.Rendered m = first(small, run("prod", "r", DriftReport.merge("prod", NOW, many)));

        assertThat(m.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(16 * 1024);
        JsonNode body = JSON.readTree(m.body());
        int shown = body.path("resources").size();
        assertThat(shown).isBetween(5, 399);
        assertThat(body.path("counts").path("resources").asInt()).isEqualTo(400);
        assertThat(body.path("omitted").path("resources").asInt()).isEqualTo(400 - shown);
        assertThat(body.path("omitted").path("changes").asInt()).isEqualTo((400 - shown) * 10);
        assertThat(body.path("omitted").path("byOperation").path("DELETE").asInt()
                + body.path("omitted").path("byOperation").path("UPDATE").asInt()).isEqualTo(400 - shown);
    }

    @Test
    void oneResourceWithHugeChangesKeepsWhatFitsAndCountsTheRest() {
        List<PropertyChange> changes = new ArrayList<>();
        for (int c = 0; c < 2000; c++) {
            changes.add(new PropertyChange("tags.k" + c, ChangeKind.ADD, true, null, "x".repeat(100)));
        }
        AlertMessageWriter small = new AlertMessageWriter(scrubber, 8 * 1024, 512);

        AlertMessageWriter.Rendered m = first(small, run("prod", "r",
                report("prod", ResourceDrift.of(SG, "t", Operation.UPDATE, DriftSource.CLOUD, changes))));

        JsonNode r = JSON.readTree(m.body()).path("resources").get(0);
        assertThat(m.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8 * 1024);
        assertThat(r.path("changes").size()).isPositive();
        assertThat(r.path("changesOmitted").asInt()).isEqualTo(2000 - r.path("changes").size());
    }

    @Test
    void longValuesAreCutSoOneCannotCrowdOutTheRest() {
        DriftReport drift = report("prod", cloud(SG, "userData", "a".repeat(5000), "b"));

        JsonNode change = JSON.readTree(first(writer, run("prod", "r", drift)).body())
                .path("resources").get(0).path("changes").get(0);

        assertThat(change.path("old").asString()).startsWith("a".repeat(512)).endsWith("…(+4488 chars)");
    }

    @Test
    void secretsAreMaskedInValuesNotesSummariesAndSubjectsAndSecretPathsAreMaskedWhole() {
        ResourceDrift planted = new ResourceDrift(SG, "aws:ec2/instance:Instance", Operation.UPDATE,
                Set.of(DriftSource.CLOUD),
                List.of(new PropertyChange("userData", ChangeKind.UPDATE, true, "export P=" + SECRET, "x"),
                        new PropertyChange("masterPassword", ChangeKind.UPDATE, true, "hunter2-old", "hunter2-new"),
                        new PropertyChange("tags.Note", ChangeKind.UPDATE, true,
                                "{\"4dabf18193072939515e22adb298388d\":\"1b47061264138c4ac30d75fd1eb44270\",\"plaintext\":\"x\"}", "y")),
                List.of("seen with " + SECRET));
        RunEvent run = run("prod", "r", report("prod", planted),
                new RunEvent.Event(AlertKind.RUN_FAILED, Severity.CRITICAL, "pulumi said " + SECRET, "k", List.of()));
        AlertPlan plan = planner.plan(run, Map.of(), NOW);

        for (PlannedAlert p : plan.alerts()) {
            AlertMessageWriter.Rendered m = writer.render("id", p, run, NOW);
            assertThat(m.body()).doesNotContain(SECRET).doesNotContain("hunter2")
                    .doesNotContain("1b47061264138c4ac30d75fd1eb44270").contains(SecretScrubber.MASK);
            assertThat(m.subject()).doesNotContain(SECRET);
        }
        assertThat(plan.alerts()).hasSize(2);
    }

    @Test
    void subjectsArePrintableAsciiOfAtMostOneHundredCharacters() {
        RunEvent run = run("prod", "r", null, new RunEvent.Event(AlertKind.REMEDIATION_FAILED, Severity.CRITICAL,
                "up failed on ünïcode\nnewline " + "z".repeat(200), "k", List.of()));

        String subject = first(writer, run).subject();

        assertThat(subject).hasSizeLessThanOrEqualTo(100).matches("[\\x20-\\x7e]+").startsWith("[TAP prod] REMEDIATION_FAILED: ")
                .endsWith("...");
    }
}
