package io.tap.reconciler.compliance;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.tap.reconciler.compliance.ConfigRemediation.Outcome;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.ManagedResource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.engine.StackEngine;
import io.tap.reconciler.engine.StackProgram;
import io.tap.reconciler.reconcile.ReconcileOutcome;
import io.tap.reconciler.reconcile.Reconciler;
import io.tap.reconciler.reconcile.Trigger;
import io.tap.reconciler.remediation.RemediationDecision;
import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import io.tap.reconciler.support.aws.SnsMessage;
import io.tap.reconciler.support.aws.SnsTopicCapture;
import io.tap.reconciler.support.pulumi.FixturePrograms;
import io.tap.reconciler.support.pulumi.PulumiCliExtension;
import io.tap.reconciler.support.pulumi.PulumiTestCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Config↔IaC loop end to end, in the started application: the real pulumi CLI runs a fixture stack,
 * AWS Config (WireMock, AWS JSON 1.1) reports the stack's file NON_COMPLIANT plus a bucket the stack does not
 * manage, the real reconciler merges the finding into COMPLIANCE drift and decides, and the alert goes through
 * the outbox to SNS on moto, read back through an SQS subscription.
 */
@ExtendWith({MotoExtension.class, PulumiCliExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tap.reconcile.enabled=false", "management.server.port=0"})
class ComplianceReconcileIT {

    static final String DETECT = "e2e-compliance-detect";
    static final String AUTO = "e2e-compliance-auto";
    static final String REGION = "us-east-1";
    static final String RULE = "tap-audit-log-retention";
    static final String CONFIG_TYPE = "Custom::Tap::AuditLog";
    static final Path DIR = tempDir();
    static final WireMockServer CONFIG = startWireMock();
    static SnsTopicCapture detectTopic;
    static SnsTopicCapture autoTopic;

    @TestConfiguration(proxyBeanMethods = false)
    static class Programs {
        @Bean
        StackProgram detectProgram() {
            return StackProgram.of(DETECT, FixturePrograms.files(new FixturePrograms.Desired()
                    .put("audit-log", FixturePrograms.FileSpec.of(DIR.resolve("detect-audit.log"), "kept 7 days"))));
        }

        @Bean
        StackProgram autoProgram() {
            return StackProgram.of(AUTO, FixturePrograms.files(new FixturePrograms.Desired()
                    .put("audit-log", FixturePrograms.FileSpec.of(DIR.resolve("auto-audit.log"), "kept 7 days"))));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        MotoServer moto = MotoServer.shared();
        detectTopic = SnsTopicCapture.create(moto, REGION, "compliance-e2e", false);
        autoTopic = SnsTopicCapture.create(moto, REGION, "compliance-e2e-auto", false);
        PulumiTestCli cli = PulumiCliExtension.locate();
        String backend = DIR.resolve("state").toUri().toString();
        r.add("tap.data-dir", DIR::toString);
        r.add("tap.stacks[0].name", () -> DETECT);
        r.add("tap.stacks[0].program", () -> DETECT);
        r.add("tap.stacks[0].backend-url", () -> backend);
        r.add("tap.stacks[0].remediation", () -> "DETECT_ONLY");
        r.add("tap.stacks[1].name", () -> AUTO);
        r.add("tap.stacks[1].program", () -> AUTO);
        r.add("tap.stacks[1].backend-url", () -> backend);
        r.add("tap.stacks[1].remediation", () -> "AUTO");
        r.add("tap.stacks[1].topic-arn", autoTopic::topicArn);
        r.add("tap.engine.cli-path", () -> cli.cli().toString());
        r.add("tap.engine.pulumi-home", () -> DIR.resolve("pulumi-home").toString());
        r.add("tap.engine.plugin-acquisition", () -> "false");
        r.add("tap.aws.endpoint", () -> moto.endpoint().toString());
        r.add("tap.compliance.endpoint", CONFIG::baseUrl);
        r.add("tap.compliance.regions[0]", () -> REGION);
        r.add("tap.compliance.throttling-base-delay", () -> "50ms");
        r.add("tap.compliance.config-remediation.enabled", () -> "true");
        r.add("tap.alerts.topic-arn", detectTopic::topicArn);
        r.add("tap.alerts.dispatch.interval", () -> "500ms");
    }

    @Autowired
    Reconciler reconciler;
    @Autowired
    StackEngine engine;
    @Autowired
    TapProperties tap;
    @Autowired
    ComplianceState compliance;
    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void resetConfig() {
        CONFIG.resetAll();
    }

    @AfterAll
    static void stop() {
        CONFIG.stop();
        if (detectTopic != null) detectTopic.close();
        if (autoTopic != null) autoTopic.close();
    }

    @Test
    void aManagedResourceConfigFindsNonCompliantBecomesComplianceDriftAndExactlyOneSnsMessage() {
        ManagedResource file = deployed(DETECT);
        stubFindings(file.id());

        ReconcileOutcome outcome = reconciler.run(tap.stack(DETECT).orElseThrow(), Trigger.REST);

        assertThat(outcome).isInstanceOf(ReconcileOutcome.Drifted.class);
        ResourceDrift managed = entry(outcome, file.urn());
        assertThat(managed.sources()).containsExactly(DriftSource.COMPLIANCE);
        assertThat(managed.operation()).isEqualTo(Operation.UPDATE);
        assertThat(managed.notes()).singleElement().asString().contains(RULE, REGION, "retention is 7 days",
                "managed by this stack");
        ResourceDrift unmanaged = entry(outcome, "AWS::S3::Bucket:someone-elses-bucket@" + REGION);
        assertThat(unmanaged.sources()).containsExactly(DriftSource.UNMANAGED);
        assertThat(unmanaged.operation()).isEqualTo(Operation.NONE);
        assertThat(outcome.report().resources()).hasSize(2);
        assertThat(outcome.decision()).isInstanceOfSatisfying(RemediationDecision.AlertOnly.class,
                d -> assertThat(d.describe()).contains("DETECT_ONLY"));

        List<SnsMessage> sent = detectTopic.awaitMessages(1, Duration.ofSeconds(60));
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.attributes()).containsEntry("kind", "COMPLIANCE_VIOLATION").containsEntry("stack", DETECT);
            assertThat(m.message()).contains(file.urn(), "someone-elses-bucket", RULE);
        });
        assertThat(detectTopic.drain(Duration.ofSeconds(3))).as("exactly one message for the run").isEmpty();
        assertThat(scrape()).as("the gauges in the actual Prometheus output")
                .contains("tap_compliance_noncompliant_rules{region=\"us-east-1\",stack=\"" + DETECT + "\"} 1.0")
                .contains("tap_compliance_noncompliant_resources{region=\"us-east-1\",stack=\"" + DETECT + "\"} 2.0");

        ReconcileOutcome again = reconciler.run(tap.stack(DETECT).orElseThrow(), Trigger.REST);

        assertThat(again.report().fingerprint()).isEqualTo(outcome.report().fingerprint());
        assertThat(detectTopic.drain(Duration.ofSeconds(5))).as("the same violation is not sent twice").isEmpty();
        assertThat(compliance.latest(DETECT)).get().satisfies(s -> assertThat(s.report().findings()).hasSize(2));
    }

    @Test
    void underAutoTheIacGoesFirstAndConfigsOwnRemediationTakesOverAFlappingResource() {
        ManagedResource file = deployed(AUTO);
        stubFindings(file.id());
        ok(call("DescribeRemediationConfigurations"), """
                {"RemediationConfigurations":[{"ConfigRuleName":"%s","TargetType":"SSM_DOCUMENT",\
                "TargetId":"Tap-SetAuditLogRetention","Automatic":false,"ResourceType":"%s"}]}"""
                .formatted(RULE, CONFIG_TYPE));
        ok(call("DescribeRemediationExecutionStatus"), "{\"RemediationExecutionStatuses\":[]}");
        ok(call("StartRemediationExecution"), "{\"FailedItems\":[]}");

        ReconcileOutcome first = reconciler.run(tap.stack(AUTO).orElseThrow(), Trigger.REST);

        assertThat(first).isInstanceOf(ReconcileOutcome.Remediated.class);
        assertThat(first.decision()).isInstanceOfSatisfying(RemediationDecision.Apply.class,
                d -> assertThat(d.targets()).containsExactly(file.urn()));
        CONFIG.verify(0, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.StartRemediationExecution")));

        ReconcileOutcome second = reconciler.run(tap.stack(AUTO).orElseThrow(), Trigger.REST);

        assertThat(second.decision().flapping()).containsExactly(file.urn());
        CONFIG.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService.StartRemediationExecution"))
                .withRequestBody(equalToJson("{\"ConfigRuleName\":\"" + RULE + "\",\"ResourceKeys\":[{\"resourceType\":\""
                        + CONFIG_TYPE + "\",\"resourceId\":\"" + file.id().replace("\\", "\\\\") + "\"}]}")));
        assertThat(compliance.remediations(AUTO)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.STARTED);
            assertThat(r.urn()).isEqualTo(file.urn());
        });
    }

    private String scrape() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
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

    /** Runs {@code up} so the stack's file exists, and returns it as the state records it. */
    private ManagedResource deployed(String stack) {
        engine.up(stack, Set.of());
        return engine.resources(stack).stream().filter(r -> "tapfixture:index:File".equals(r.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no fixture file in the state of " + stack));
    }

    private static ResourceDrift entry(ReconcileOutcome outcome, String urn) {
        return outcome.report().resources().stream().filter(d -> d.urn().equals(urn)).findFirst()
                .orElseThrow(() -> new AssertionError(urn + " not in " + outcome.report().resources()));
    }

    /** One NON_COMPLIANT rule (next to a COMPLIANT one) finding the managed file and an unmanaged bucket. */
    private static void stubFindings(String fileId) {
        ok(call("DescribeComplianceByConfigRule"), "{\"ComplianceByConfigRules\":["
                + ConfigApiStub.ruleCompliance(RULE, "NON_COMPLIANT", 2) + ","
                + ConfigApiStub.ruleCompliance("s3-bucket-versioning-enabled", "COMPLIANT", 0) + "]}");
        ok(call("GetComplianceDetailsByConfigRule"), "{\"EvaluationResults\":["
                + ConfigApiStub.evaluation(RULE, CONFIG_TYPE, fileId.replace("\\", "\\\\"), "NON_COMPLIANT",
                "retention is 7 days, policy requires 90") + ","
                + ConfigApiStub.evaluation(RULE, "AWS::S3::Bucket", "someone-elses-bucket", "NON_COMPLIANT",
                "no retention policy") + "]}");
    }

    private static MappingBuilder call(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("StarlingDoveService." + operation))
                .withHeader("Authorization", containing("/" + REGION + "/config/aws4_request"));
    }

    private static void ok(MappingBuilder call, String body) {
        CONFIG.stubFor(call.willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", ConfigApiStub.JSON_1_1).withBody(body)));
    }

    private static WireMockServer startWireMock() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tap-compliance-e2e");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
