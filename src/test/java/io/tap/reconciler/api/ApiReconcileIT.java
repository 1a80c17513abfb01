package io.tap.reconciler.api;

import io.tap.reconciler.engine.StackProgram;
import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import io.tap.reconciler.support.aws.SnsTopicCapture;
import io.tap.reconciler.support.pulumi.FixturePrograms;
import io.tap.reconciler.support.pulumi.OutOfBand;
import io.tap.reconciler.support.pulumi.PulumiCliExtension;
import io.tap.reconciler.support.pulumi.PulumiTestCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service started on random ports, with the real reconciler and the real pulumi CLI
 * running fixture stacks, driven only through REST and read through the actuator: reconcile,
 * drift with attribute diffs, a downgraded trigger, approval, metrics in the scrape, readiness,
 * and no token in any log line.
 */
@ExtendWith({MotoExtension.class, PulumiCliExtension.class, OutputCaptureExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tap.reconcile.enabled=false", "management.server.port=0", "tap.compliance.enabled=false",
                ApiTestTokens.PROPERTY})
class ApiReconcileIT {

    static final String AUTO = "api-e2e-auto";
    static final String APPROVAL = "api-e2e-approval";
    static final String REGION = "us-east-1";
    static final Path DIR = tempDir();
    static final Path AUTO_FILE = DIR.resolve("auto-greeting.txt");
    static final Path APPROVAL_FILE = DIR.resolve("approval-greeting.txt");
    static final JsonMapper JSON = JsonMapper.shared();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static SnsTopicCapture topic;

    @TestConfiguration(proxyBeanMethods = false)
    static class Programs {
        @Bean
        StackProgram autoProgram() {
            return StackProgram.of(AUTO, FixturePrograms.files(new FixturePrograms.Desired()
                    .put("greeting", FixturePrograms.FileSpec.of(AUTO_FILE, "hello"))));
        }

        @Bean
        StackProgram approvalProgram() {
            return StackProgram.of(APPROVAL, FixturePrograms.files(new FixturePrograms.Desired()
                    .put("greeting", FixturePrograms.FileSpec.of(APPROVAL_FILE, "hello"))));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        MotoServer moto = MotoServer.shared();
        topic = SnsTopicCapture.create(moto, REGION, "api-e2e", false);
        PulumiTestCli cli = PulumiCliExtension.locate();
        String backend = DIR.resolve("state").toUri().toString();
        r.add("tap.data-dir", DIR::toString);
        r.add("tap.stacks[0].name", () -> AUTO);
        r.add("tap.stacks[0].program", () -> AUTO);
        r.add("tap.stacks[0].backend-url", () -> backend);
        r.add("tap.stacks[0].remediation", () -> "AUTO");
        r.add("tap.stacks[1].name", () -> APPROVAL);
        r.add("tap.stacks[1].program", () -> APPROVAL);
        r.add("tap.stacks[1].backend-url", () -> backend);
        r.add("tap.stacks[1].remediation", () -> "APPROVAL");
        r.add("tap.engine.cli-path", () -> cli.cli().toString());
        r.add("tap.engine.pulumi-home", () -> DIR.resolve("pulumi-home").toString());
        r.add("tap.engine.plugin-acquisition", () -> "false");
        r.add("tap.aws.endpoint", () -> moto.endpoint().toString());
        r.add("tap.alerts.topic-arn", topic::topicArn);
    }

    @AfterAll
    static void closeTopic() {
        if (topic != null) topic.close();
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    private HttpResponse<String> call(String method, int port, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (json != null) b.header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode getJson(String path) {
        HttpResponse<String> r = call("GET", port, path, ApiTestTokens.VIEWER, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** POSTs as operator, expects 202 with a Location, and returns the run id. */
    private String accepted(String path, String json) {
        HttpResponse<String> r = call("POST", port, path, ApiTestTokens.OPERATOR, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String runId = JSON.readTree(r.body()).get("runId").asString();
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/runs/" + runId);
        return runId;
    }

    /** Polls the run through REST until it has ended; returns its final view. */
    private JsonNode awaitEnd(String runId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = getJson("/api/v1/runs/" + runId);
            return !"RUNNING".equals(last[0].at("/run/status").asString());
        });
        return last[0];
    }

    @Test
    void reconcileDetectDriftAndSeeItInTheApiAndTheScrape(CapturedOutput output) throws IOException {
        JsonNode created = awaitEnd(accepted("/api/v1/stacks/" + AUTO + "/reconcile", null));
        assertThat(created.at("/run/status").asString()).as(created.toString()).isEqualTo("REMEDIATED");
        assertThat(Files.readString(AUTO_FILE)).isEqualTo("hello");

        OutOfBand.editFile(AUTO_FILE, "tampered");
        JsonNode drifted = awaitEnd(accepted("/api/v1/stacks/" + AUTO + "/reconcile", "{\"mode\":\"DETECT_ONLY\"}"));
        assertThat(drifted.at("/run/status").asString()).as(drifted.toString()).isEqualTo("DRIFTED");
        assertThat(drifted.at("/run/mode").asString()).isEqualTo("DETECT_ONLY");
        assertThat(Files.readString(AUTO_FILE)).as("detect-only never applies").isEqualTo("tampered");

        JsonNode drift = getJson("/api/v1/stacks/" + AUTO + "/drift");
        assertThat(drift.at("/clean").asBoolean()).isFalse();
        JsonNode entry = drift.at("/resources/0");
        assertThat(entry.at("/urn").asString()).endsWith("::greeting");
        assertThat(entry.at("/operation").asString()).isEqualTo("UPDATE");
        assertThat(entry.at("/sources").toString()).contains("CLOUD");
        assertThat(entry.at("/changes").toString()).contains("content").contains("hello").contains("tampered");
        assertThat(drift.at("/fingerprint").asString()).isEqualTo(drifted.at("/run/fingerprint").asString());

        JsonNode stacks = getJson("/api/v1/stacks");
        assertThat(stacks.findValuesAsString("name")).contains(AUTO, APPROVAL);

        String scrape = call("GET", managementPort, "/actuator/prometheus", null, null).body();
        assertThat(scrape).containsPattern("tap_drift_resources\\{[^}]*operation=\"UPDATE\"[^}]*source=\"CLOUD\"[^}]*stack=\""
                + AUTO + "\"[^}]*\\} 1\\.0");
        assertThat(scrape).containsPattern("tap_reconcile_last_success_seconds\\{stack=\"" + AUTO + "\"\\} [1-9]");
        assertThat(scrape).containsPattern("tap_reconcile_seconds_count\\{[^}]*stack=\"" + AUTO + "\"");

        HttpResponse<String> ready = call("GET", managementPort, "/actuator/health/readiness", null, null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).at("/components/reconciler/details/stacks/" + AUTO + "/freshness").asString())
                .isEqualTo("FRESH");

        assertThat(output.getAll()).doesNotContain(ApiTestTokens.OPERATOR).doesNotContain(ApiTestTokens.VIEWER);
    }

    @Test
    void aHeldPlanIsAppliedOnlyAfterAnOperatorApprovesIt(CapturedOutput output) throws IOException {
        HttpResponse<String> upgrade = call("POST", port, "/api/v1/stacks/" + APPROVAL + "/reconcile",
                ApiTestTokens.OPERATOR, "{\"mode\":\"AUTO\"}");
        assertThat(upgrade.statusCode()).as("a trigger never upgrades the mode").isEqualTo(409);

        String held = accepted("/api/v1/stacks/" + APPROVAL + "/reconcile", null);
        JsonNode awaiting = awaitEnd(held);
        assertThat(awaiting.at("/run/status").asString()).as(awaiting.toString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(Files.exists(APPROVAL_FILE)).isFalse();
        JsonNode stack = stackNamed(getJson("/api/v1/stacks"), APPROVAL);
        assertThat(stack).isNotNull();
        assertThat(stack.at("/pendingApprovalRunId").asString()).isEqualTo(held);

        assertThat(call("POST", port, "/api/v1/runs/" + held + "/approve", null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", port, "/api/v1/runs/" + held + "/approve", ApiTestTokens.VIEWER, null).statusCode())
                .isEqualTo(403);
        JsonNode applied = awaitEnd(accepted("/api/v1/runs/" + held + "/approve", null));
        assertThat(applied.at("/run/status").asString()).as(applied.toString()).isEqualTo("REMEDIATED");
        assertThat(Files.readString(APPROVAL_FILE)).isEqualTo("hello");

        HttpResponse<String> again = call("POST", port, "/api/v1/runs/" + held + "/approve", ApiTestTokens.OPERATOR, null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));

        assertThat(output.getAll()).contains("approved by alice")
                .doesNotContain(ApiTestTokens.OPERATOR).doesNotContain(ApiTestTokens.VIEWER);
    }

    private static JsonNode stackNamed(JsonNode stacks, String name) {
        for (JsonNode s : stacks) if (s.get("name").asString().equals(name)) return s;
        return null;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tap-api-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
