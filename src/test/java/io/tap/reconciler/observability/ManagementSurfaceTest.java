package io.tap.reconciler.observability;

import io.tap.reconciler.api.ApiAppTest;
import io.tap.reconciler.api.ApiTestApplication;
import io.tap.reconciler.api.ApiTestTokens;
import io.tap.reconciler.api.FakeEngine;
import io.tap.reconciler.api.FakeReconciler;
import io.tap.reconciler.api.MutableClock;
import io.tap.reconciler.engine.EngineAvailability;
import io.tap.reconciler.reconcile.StackStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator on its own port, over real HTTP: open probes and scrape, protected custom endpoint,
 * readiness going DOWN on staleness and on a missing engine, and the gauges in the scrape output.
 */
@ApiAppTest
class ManagementSurfaceTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    FakeReconciler fake;
    @Autowired
    FakeEngine engine;
    @Autowired
    MutableClock clock;

    @BeforeEach
    void reset() {
        fake.reset();
        engine.setAvailability(new EngineAvailability(true, "v3.276.0", null));
        clock.set(ApiTestApplication.START);
    }

    private HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> management(String path, String token) throws IOException, InterruptedException {
        return get(managementPort, path, token);
    }

    @Test
    void actuatorIsOnItsOwnPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(port, "/actuator/health", null).statusCode()).isIn(401, 404);
        assertThat(management("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void probesAndScrapeAreOpenEverythingElseNeedsAToken() throws Exception {
        assertThat(management("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(management("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(management("/actuator/prometheus", null).statusCode()).isEqualTo(200);

        HttpResponse<String> anonymous = management("/actuator/reconciliation", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(management("/actuator/reconciliation", "not-a-valid-token-at-all-0000").statusCode()).isEqualTo(401);
        assertThat(management("/actuator/info", null).statusCode()).isEqualTo(401);
        assertThat(management("/actuator", null).statusCode()).isEqualTo(401);
        assertThat(management("/actuator/env", null).statusCode()).isEqualTo(401);
        assertThat(management("/actuator/reconciliation", ApiTestTokens.VIEWER).statusCode()).isEqualTo(200);
    }

    @Test
    void readinessGoesDownWhenAStacksNewestSuccessfulCheckIsOlderThanThreeIntervals() throws Exception {
        // staging (1m interval, never checked) is in its start-up grace of 3m; prod (5m) checked 30s ago.
        JsonNode ready = JSON.readTree(management("/actuator/health/readiness", null).body());
        assertThat(ready.at("/components/reconciler/status").asString()).isEqualTo("UP");
        assertThat(ready.at("/components/reconciler/details/stacks/staging/freshness").asString()).isEqualTo("STARTING");

        clock.advance(Duration.ofMinutes(4)); // staging's grace is over
        HttpResponse<String> down = management("/actuator/health/readiness", null);
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(down.body());
        assertThat(body.at("/components/reconciler/status").asString()).isEqualTo("DOWN");
        assertThat(body.at("/components/reconciler/details/stacks/staging/status").asString()).isEqualTo("DOWN");
        assertThat(body.at("/components/reconciler/details/stacks/staging/reason").asString())
                .contains("no successful drift check since start-up");
        assertThat(body.at("/components/reconciler/details/stacks/prod/status").asString()).isEqualTo("UP");
        assertThat(management("/actuator/health/liveness", null).statusCode())
                .as("liveness reflects the process only").isEqualTo(200);

        StackStatus staging = fake.stack("staging").orElseThrow();
        fake.setStack(withLastCheck(staging, clock.instant()));
        assertThat(management("/actuator/health/readiness", null).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(12)); // prod last checked at T0+30s, 3 x 5m = 15m earlier than now
        fake.setStack(withLastCheck(staging, clock.instant()));
        body = JSON.readTree(management("/actuator/health/readiness", null).body());
        assertThat(body.at("/components/reconciler/details/stacks/prod/status").asString()).isEqualTo("DOWN");
        assertThat(body.at("/components/reconciler/details/stacks/prod/reason").asString())
                .contains("older than 3 x interval (PT15M)");
        assertThat(body.at("/components/reconciler/details/stacks/staging/status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessGoesDownWhenTheEngineCannotStart() throws Exception {
        engine.setAvailability(new EngineAvailability(false, null,
                "pulumi CLI not found on PATH; run .ci/install-pulumi.sh"));
        HttpResponse<String> down = management("/actuator/health/readiness", null);
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(down.body());
        assertThat(body.at("/components/reconciler/details/engine/available").asBoolean()).isFalse();
        assertThat(body.at("/components/reconciler/details/engine/problem").asString()).contains("pulumi CLI not found");
        assertThat(management("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void reconciliationEndpointShowsPerStackStateAndCompliance() throws Exception {
        JsonNode body = JSON.readTree(management("/actuator/reconciliation", ApiTestTokens.VIEWER).body());
        JsonNode prod = body.at("/stacks/0");
        assertThat(prod.at("/name").asString()).isEqualTo("prod");
        assertThat(prod.at("/mode").asString()).isEqualTo("APPROVAL");
        assertThat(prod.at("/freshness").asString()).isEqualTo("FRESH");
        assertThat(prod.at("/pendingApprovalRunId").asString()).isEqualTo(FakeReconciler.AWAITING_RUN);
        assertThat(prod.at("/lastRun/status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(prod.at("/compliance/readErrors/0").asString()).isEqualTo("ap-south-1");
        assertThat(prod.at("/compliance/findings").size()).isEqualTo(2);
        assertThat(prod.at("/compliance/findings/0/urn").asString()).isEqualTo(FakeReconciler.UNMANAGED_ARN);
        assertThat(prod.at("/compliance/findings/0/notes/0").asString()).contains("s3-bucket-public-read-prohibited");
        assertThat(body.at("/stacks/1/freshness").asString()).isEqualTo("STARTING");

        assertThat(JSON.readTree(management("/actuator/reconciliation/staging", ApiTestTokens.VIEWER).body())
                .at("/name").asString()).isEqualTo("staging");
        assertThat(management("/actuator/reconciliation/nope", ApiTestTokens.VIEWER).statusCode()).isEqualTo(404);
    }

    @Test
    void gaugesAreInThePrometheusScrape() throws Exception {
        HttpResponse<String> scrape = management("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        String text = scrape.body();

        assertThat(sample(text, "tap_drift_resources", Map.of("stack", "prod", "source", "CLOUD", "operation", "UPDATE"))).isEqualTo(1.0);
        assertThat(sample(text, "tap_drift_resources", Map.of("stack", "prod", "source", "COMPLIANCE", "operation", "REPLACE"))).isEqualTo(1.0);
        assertThat(sample(text, "tap_drift_resources", Map.of("stack", "prod", "source", "CODE", "operation", "REPLACE"))).isEqualTo(1.0);
        assertThat(sample(text, "tap_drift_resources", Map.of("stack", "prod", "source", "UNMANAGED", "operation", "NONE"))).isEqualTo(1.0);
        assertThat(sample(text, "tap_drift_resources", Map.of("stack", "prod", "source", "CLOUD", "operation", "DELETE"))).isEqualTo(0.0);
        assertThat(sample(text, "tap_drift_resources", Map.of("stack", "staging", "source", "CLOUD", "operation", "UPDATE"))).isEqualTo(0.0);
        assertThat(sample(text, "tap_reconcile_last_success_seconds", Map.of("stack", "prod")))
                .isEqualTo((double) FakeReconciler.T0.plusSeconds(30).getEpochSecond());
        assertThat(sample(text, "tap_reconcile_last_success_seconds", Map.of("stack", "staging"))).isEqualTo(0.0);
        assertThat(sample(text, "tap_approvals_pending", Map.of("stack", "prod"))).isEqualTo(1.0);
        assertThat(sample(text, "tap_approvals_pending", Map.of("stack", "staging"))).isEqualTo(0.0);
        assertThat(sample(text, "tap_flapping_resources", Map.of("stack", "prod"))).isEqualTo(1.0);
        assertThat(text).doesNotContain("urn:pulumi");

        // New state shows up on a later scrape (after the snapshot's short reuse window).
        fake.setReport("prod", io.tap.reconciler.drift.DriftReport.clean("prod", clock.instant()));
        clock.advance(ReconcileMetrics.SNAPSHOT_TTL.plusMillis(1));
        String later = management("/actuator/prometheus", null).body();
        assertThat(sample(later, "tap_drift_resources", Map.of("stack", "prod", "source", "CLOUD", "operation", "UPDATE"))).isEqualTo(0.0);
    }

    /** The value of the one sample of {@code name} with exactly these labels. */
    static double sample(String scrape, String name, Map<String, String> labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        Double found = null;
        while (m.find()) {
            Map<String, String> actual = new java.util.HashMap<>();
            Matcher l = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(m.group(1));
            while (l.find()) actual.put(l.group(1), l.group(2));
            if (actual.equals(labels)) {
                assertThat(found).as("one sample of %s%s", name, labels).isNull();
                found = Double.parseDouble(m.group(2));
            }
        }
        assertThat(found).as("sample %s%s in the scrape", name, labels).isNotNull();
        return found;
    }

    private static StackStatus withLastCheck(StackStatus s, java.time.Instant at) {
        return new StackStatus(s.name(), s.mode(), s.interval(), s.running(), s.lastRun(), at, s.nextRunAt(),
                s.driftCounts(), s.driftBySource(), s.pendingApprovalRunId(), s.flappingUrns(), s.complianceErrors());
    }
}
