package io.tap.reconciler.compliance.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tap.reconciler.compliance.AwsConfigComplianceReader;
import io.tap.reconciler.compliance.ComplianceReport;
import io.tap.reconciler.compliance.ComplianceState;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ComplianceProperties;
import io.tap.reconciler.drift.ManagedResource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * One full compliance read of a large estate: 3 regions, each with 24 rules (4 NON_COMPLIANT) and 250
 * NON_COMPLIANT resources per rule (3 pages of 100), so 3,000 findings mapped against 3,000 managed
 * resources, with AWS Config served by WireMock on loopback. Run: see README, "Benchmarks".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ComplianceReadBench {

    static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "ap-south-1");
    static final int RULES = 24;
    static final int NON_COMPLIANT_RULES = 4;
    static final int PER_RULE = 250;
    static final int PAGE = 100;

    private WireMockServer server;
    private AwsConfigComplianceReader reader;
    private List<ManagedResource> managed;

    @Setup(Level.Trial)
    public void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().disableRequestJournal()
                .containerThreads(16).jettyAcceptors(2));
        server.start();
        managed = new ArrayList<>();
        for (String region : REGIONS) stubRegion(region);
        ComplianceProperties p = new ComplianceProperties(true, null, List.of(), PAGE, 3, Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofSeconds(1), 3, new ComplianceProperties.ConfigRemediation(false, Set.of()));
        reader = AwsConfigComplianceReader.create(new AwsProperties(URI.create(server.baseUrl()), Duration.ofSeconds(30)),
                p, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench")),
                new ComplianceState(new SimpleMeterRegistry()));
        ComplianceReport check = reader.read("bench", REGIONS, managed);
        if (!check.errors().isEmpty() || check.findings().size() != REGIONS.size() * NON_COMPLIANT_RULES * PER_RULE) {
            throw new IllegalStateException("bench fixture is wrong: " + check.errors() + " / " + check.findings().size());
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        reader.close();
        server.stop();
    }

    @Benchmark
    public ComplianceReport readThreeRegions() {
        return reader.read("bench", REGIONS, managed);
    }

    private void stubRegion(String region) {
        StringJoiner rules = new StringJoiner(",");
        for (int r = 0; r < RULES; r++) {
            String type = r < NON_COMPLIANT_RULES ? "NON_COMPLIANT" : (r % 2 == 0 ? "COMPLIANT" : "INSUFFICIENT_DATA");
            rules.add("{\"ConfigRuleName\":\"rule-" + r + "\",\"Compliance\":{\"ComplianceType\":\"" + type + "\"}}");
        }
        ok(region, "DescribeComplianceByConfigRule", null, null, "{\"ComplianceByConfigRules\":[" + rules + "]}");
        for (int r = 0; r < NON_COMPLIANT_RULES; r++) {
            String rule = "rule-" + r;
            for (int page = 0; page * PAGE < PER_RULE; page++) {
                StringJoiner results = new StringJoiner(",");
                for (int i = page * PAGE; i < Math.min(PER_RULE, (page + 1) * PAGE); i++) {
                    String id = "sg-" + region + "-" + r + "-" + i;
                    if (i % 2 == 0) {
                        managed.add(new ManagedResource("urn:pulumi:bench::tap::aws:ec2/securityGroup:SecurityGroup::" + id,
                                "aws:ec2/securityGroup:SecurityGroup", id,
                                "arn:aws:ec2:" + region + ":123456789012:security-group/" + id));
                    }
                    results.add("{\"EvaluationResultIdentifier\":{\"EvaluationResultQualifier\":{\"ConfigRuleName\":\""
                            + rule + "\",\"ResourceType\":\"AWS::EC2::SecurityGroup\",\"ResourceId\":\"" + id
                            + "\"},\"OrderingTimestamp\":1764720000.0},\"ComplianceType\":\"NON_COMPLIANT\","
                            + "\"ResultRecordedTime\":1764720123.456,\"Annotation\":\"port 22 open to 0.0.0.0/0\"}");
                }
                boolean more = (page + 1) * PAGE < PER_RULE;
                ok(region, "GetComplianceDetailsByConfigRule", rule, page == 0 ? null : "p" + page,
                        "{\"EvaluationResults\":[" + results + "]" + (more ? ",\"NextToken\":\"p" + (page + 1) + "\"" : "") + "}");
            }
        }
    }

    private void ok(String region, String operation, String rule, String token, String body) {
        var mapping = post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService." + operation))
                .withHeader("Authorization", containing("/" + region + "/config/aws4_request"))
                .withRequestBody(token == null ? matchingJsonPath("$.NextToken", absent())
                        : matchingJsonPath("$.NextToken", equalTo(token)));
        if (rule != null) mapping = mapping.withRequestBody(matchingJsonPath("$.ConfigRuleName", equalTo(rule)));
        server.stubFor(mapping.willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
    }
}
