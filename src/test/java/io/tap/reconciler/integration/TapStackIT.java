package io.tap.reconciler.integration;

import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ValidationProperties;
import io.tap.reconciler.validation.AwsClients;
import io.tap.reconciler.validation.CheckResult;
import io.tap.reconciler.validation.CheckStatus;
import io.tap.reconciler.validation.StackOutputs;
import io.tap.reconciler.validation.ValidationReport;
import io.tap.reconciler.validation.ValidationRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The seed's integration suite: runs every validation check against a deployed TAP estate and
 * asserts each one passes. Selected by {@code -Pintegration}; never part of the default build.
 *
 * <p>Where the outputs come from (first that is set):
 * <ul>
 *   <li>{@code -Dtap.outputs=FILE}: a file holding {@code pulumi stack output --json};</li>
 *   <li>{@code -Dtap.stack=NAME} (optionally {@code -Dtap.pulumi.cwd=DIR}): runs
 *       {@code pulumi stack output --json --stack NAME};</li>
 *   <li>{@code -Dtap.it.moto-estate=true}: CI only — arranges a whole estate in moto first
 *       ({@link MotoEstateFixture}) and reads the outputs file it writes.</li>
 * </ul>
 * AWS credentials come from the SDK's default chain; {@code -Dtap.aws.endpoint=URL} overrides the
 * endpoint; {@code -Dtap.validation.write-probes=true} adds the S3 replication write probe.
 */
class TapStackIT {

    private static MotoEstateFixture fixture;
    private static ValidationReport report;

    @BeforeAll
    static void validateTheDeployment() throws IOException {
        AwsClients aws;
        StackOutputs outputs;
        if (System.getProperty("tap.outputs") != null) {
            outputs = StackOutputs.fromJson(Files.readString(Path.of(System.getProperty("tap.outputs"))));
            aws = realClients();
        } else if (System.getProperty("tap.stack") != null) {
            outputs = StackOutputs.fromJson(pulumiOutputs(System.getProperty("tap.stack")));
            aws = realClients();
        } else if (Boolean.getBoolean("tap.it.moto-estate")) {
            fixture = new MotoEstateFixture(Path.of("target", "tap-moto-outputs.json"));
            outputs = StackOutputs.fromJson(Files.readString(fixture.outputsFile()));
            aws = fixture.clients();
        } else {
            throw new IllegalStateException("TapStackIT validates a deployed stack: pass -Dtap.outputs=<file with "
                    + "`pulumi stack output --json`> or -Dtap.stack=<stack name> (see README, 'Validate a deployment')");
        }
        var d = ValidationProperties.defaults();
        var properties = new ValidationProperties(true, d.parallelism(), d.checkTimeout(),
                Boolean.getBoolean("tap.validation.write-probes"), d.probePrefix(), d.replicationBound(),
                d.probePollInterval(), d.maxReplicaLag(), d.rotationGrace(), d.expectedConfigRules());
        try (aws; var runner = new ValidationRunner(aws, properties, Clock.systemUTC())) {
            report = runner.run(System.getProperty("tap.stack", "integration"), null, outputs);
        }
        report.results().forEach(r -> System.out.printf("%-5s %-30s %-14s %s%n", r.status(), r.check(), r.region(), r.evidence()));
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void vpcConnectivity() {
        assertAllPass("network.");
    }

    @Test
    void loadBalancerHealth() {
        assertAllPass("loadbalancer.");
    }

    @Test
    void databaseConnectivity() {
        assertAllPass("database.");
    }

    @Test
    void s3Replication() {
        assertAllPass("storage.");
    }

    @Test
    void dynamoDbSessions() {
        assertAllPass("dynamodb.");
    }

    @Test
    void monitoringPipeline() {
        assertAllPass("monitoring.cloudtrail", "monitoring.alarms", "monitoring.sns-encryption");
    }

    @Test
    void complianceRules() {
        assertAllPass("monitoring.config");
    }

    @Test
    void secretsManagement() {
        assertAllPass("secrets.");
    }

    @Test
    void compute() {
        assertAllPass("compute.");
    }

    @Test
    void everyCheckRanAndTheOutputsWereComplete() {
        assertThat(report.results()).isNotEmpty();
        assertThat(report.results()).noneMatch(r -> r.check().equals("outputs"));
        assertThat(report.results()).filteredOn(r -> r.status() != CheckStatus.PASS)
                .as("every check passes").isEmpty();
    }

    private static void assertAllPass(String... prefixes) {
        List<CheckResult> selected = report.results().stream()
                .filter(r -> List.of(prefixes).stream().anyMatch(r.check()::startsWith)).toList();
        assertThat(selected).as("checks " + List.of(prefixes)).isNotEmpty();
        List<String> problems = new ArrayList<>();
        selected.stream().filter(r -> r.status() != CheckStatus.PASS)
                .forEach(r -> problems.add(r.status() + " " + r.check() + " in " + r.region() + ": " + r.evidence()));
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    private static AwsClients realClients() {
        String endpoint = System.getProperty("tap.aws.endpoint");
        return new AwsClients(new AwsProperties(endpoint == null ? null : URI.create(endpoint), Duration.ofSeconds(30)));
    }

    private static String pulumiOutputs(String stack) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("pulumi", "stack", "output", "--json", "--stack", stack)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (System.getProperty("tap.pulumi.cwd") != null) {
            pb.directory(Path.of(System.getProperty("tap.pulumi.cwd")).toFile());
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("the pulumi CLI is not on PATH; install it (see README, Development) or "
                    + "pass -Dtap.outputs=<file>", e);
        }
        try {
            String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("`pulumi stack output --json --stack " + stack + "` failed");
            }
            return json;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
