package io.tap.reconciler.deploy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.engine.StackProgram;
import io.tap.reconciler.reconcile.ReconcileOutcome;
import io.tap.reconciler.reconcile.Reconciler;
import io.tap.reconciler.reconcile.Trigger;
import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import io.tap.reconciler.support.aws.SnsTopicCapture;
import io.tap.reconciler.support.pulumi.FixturePrograms;
import io.tap.reconciler.support.pulumi.PulumiCliExtension;
import io.tap.reconciler.support.pulumi.PulumiTestCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every series the PrometheusRule and the Grafana dashboard read, and every label they group or filter
 * by, exists in the started application's real {@code /actuator/prometheus} output after a reconcile:
 * the real pulumi CLI runs an AUTO fixture stack (its first run creates the file: a remediation), AWS
 * Config (WireMock) reports a NON_COMPLIANT bucket, and the alert goes through the outbox to SNS on moto.
 */
@ExtendWith({MotoExtension.class, PulumiCliExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tap.reconcile.enabled=false", "management.server.port=0"})
class MetricsIT {

    static final String STACK = "deploy-metrics";
    static final String REGION = "us-east-1";
    static final Path DIR = tempDir();
    static final WireMockServer CONFIG = new WireMockServer(wireMockConfig().dynamicPort());
    static SnsTopicCapture topic;

    @TestConfiguration(proxyBeanMethods = false)
    static class Programs {
        @Bean
        StackProgram metricsProgram() {
            return StackProgram.of(STACK, FixturePrograms.files(new FixturePrograms.Desired()
                    .put("marker", FixturePrograms.FileSpec.of(DIR.resolve("marker.txt"), "desired"))));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        CONFIG.start();
        stubConfig();
        MotoServer moto = MotoServer.shared();
        topic = SnsTopicCapture.create(moto, REGION, "deploy-metrics", false);
        PulumiTestCli cli = PulumiCliExtension.locate();
        r.add("tap.data-dir", DIR::toString);
        r.add("tap.stacks[0].name", () -> STACK);
        r.add("tap.stacks[0].program", () -> STACK);
        r.add("tap.stacks[0].backend-url", () -> DIR.resolve("state").toUri().toString());
        r.add("tap.stacks[0].remediation", () -> "AUTO");
        r.add("tap.engine.cli-path", () -> cli.cli().toString());
        r.add("tap.engine.pulumi-home", () -> DIR.resolve("pulumi-home").toString());
        r.add("tap.engine.plugin-acquisition", () -> "false");
        r.add("tap.aws.endpoint", () -> moto.endpoint().toString());
        r.add("tap.compliance.endpoint", CONFIG::baseUrl);
        r.add("tap.compliance.regions[0]", () -> REGION);
        r.add("tap.alerts.topic-arn", topic::topicArn);
        r.add("tap.alerts.dispatch.interval", () -> "500ms");
    }

    @Autowired
    Reconciler reconciler;
    @Autowired
    TapProperties tap;
    @LocalManagementPort
    int managementPort;

    @AfterAll
    static void stop() {
        CONFIG.stop();
        if (topic != null) topic.close();
    }

    @Test
    void everySeriesAndLabelTheAlertsAndDashboardReadIsInTheRealScrape() {
        ReconcileOutcome outcome = reconciler.run(tap.stack(STACK).orElseThrow(), Trigger.REST);
        assertThat(outcome).as("the first AUTO run creates the file").isInstanceOf(ReconcileOutcome.Remediated.class);
        assertThat(topic.awaitMessages(1, Duration.ofSeconds(60))).as("an alert went out").isNotEmpty();

        Map<String, Set<String>> scraped = seriesWithLabels(scrape());
        Set<String> wanted = MonitoringArtifacts.seriesNames();
        assertThat(wanted).contains("tap_drift_resources", "tap_reconcile_seconds_count", "tap_remediations_total",
                "tap_approvals_pending", "tap_flapping_resources", "tap_reconcile_last_success_seconds",
                "tap_compliance_noncompliant_rules", "tap_alerts_total");
        assertThat(scraped.keySet()).as("series in /actuator/prometheus").containsAll(wanted);

        assertThat(labelsUsed("sum by (region) (tap_compliance_noncompliant_rules{stack=~\"$stack\"})"))
                .containsExactly(Map.entry("tap_compliance_noncompliant_rules", Set.of("region", "stack")));
        List<String> expressions = new java.util.ArrayList<>(MonitoringArtifacts.ruleExpressions());
        expressions.addAll(MonitoringArtifacts.dashboardExpressions());
        for (String expr : expressions) {
            for (Map.Entry<String, Set<String>> use : labelsUsed(expr).entrySet()) {
                assertThat(scraped.get(use.getKey())).as("labels of %s used in: %s", use.getKey(), expr)
                        .containsAll(use.getValue());
            }
        }
    }

    /** series name → the label names it carries, from the Prometheus text format. */
    static Map<String, Set<String>> seriesWithLabels(String scrape) {
        Map<String, Set<String>> series = new TreeMap<>();
        Matcher line = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? \\S+", Pattern.MULTILINE).matcher(scrape);
        while (line.find()) {
            Set<String> labels = series.computeIfAbsent(line.group(1), k -> new HashSet<>());
            if (line.group(3) != null) {
                Matcher label = Pattern.compile("(\\w+)=\"").matcher(line.group(3));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return series;
    }

    /**
     * For each tap_* series in an expression, the labels the expression needs it to have: those in its
     * own selector and those of the nearest enclosing {@code by (...)}.
     */
    static Map<String, Set<String>> labelsUsed(String expr) {
        Map<String, Set<String>> used = new HashMap<>();
        Matcher series = Pattern.compile("\\b(tap_[a-z0-9_]+)(\\{([^}]*)})?").matcher(expr);
        while (series.find()) {
            Set<String> labels = used.computeIfAbsent(series.group(1), k -> new HashSet<>());
            if (series.group(3) != null) {
                Matcher matcher = Pattern.compile("(\\w+)\\s*[=!~]").matcher(series.group(3));
                while (matcher.find()) {
                    labels.add(matcher.group(1));
                }
            }
            Matcher by = Pattern.compile("by \\(([^)]*)\\)").matcher(expr.substring(0, series.start()));
            String nearest = null;
            while (by.find()) {
                nearest = by.group(1);
            }
            if (nearest != null) {
                for (String label : nearest.split(",")) {
                    labels.add(label.strip());
                }
            }
        }
        return used;
    }

    private String scrape() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + DeploymentInvariants.PROMETHEUS)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Config reports one NON_COMPLIANT rule on a bucket the stack does not manage (AWS JSON 1.1). */
    private static void stubConfig() {
        CONFIG.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("StarlingDoveService.DescribeComplianceByConfigRule"))
                .willReturn(json("""
                        {"ComplianceByConfigRules":[{"ConfigRuleName":"s3-bucket-versioning-enabled",\
                        "Compliance":{"ComplianceType":"NON_COMPLIANT","ComplianceContributorCount":{"CappedCount":1,"CapExceeded":false}}}]}""")));
        CONFIG.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("StarlingDoveService.GetComplianceDetailsByConfigRule"))
                .willReturn(json("""
                        {"EvaluationResults":[{"EvaluationResultIdentifier":{"EvaluationResultQualifier":\
                        {"ConfigRuleName":"s3-bucket-versioning-enabled","ResourceType":"AWS::S3::Bucket","ResourceId":"someone-elses-bucket"},\
                        "OrderingTimestamp":1764763200},"ComplianceType":"NON_COMPLIANT","ResultRecordedTime":1764763200,\
                        "ConfigRuleInvokedTime":1764763200,"Annotation":"versioning is off"}]}""")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tap-deploy-metrics");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
