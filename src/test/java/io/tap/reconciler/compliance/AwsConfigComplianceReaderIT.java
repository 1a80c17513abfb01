package io.tap.reconciler.compliance;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tap.reconciler.compliance.ComplianceReport.RegionError;
import io.tap.reconciler.config.ComplianceProperties;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.ManagedResource;
import io.tap.reconciler.drift.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tap.reconciler.compliance.ConfigApiStub.call;
import static io.tap.reconciler.compliance.ConfigApiStub.errorResponse;
import static io.tap.reconciler.compliance.ConfigApiStub.evaluation;
import static io.tap.reconciler.compliance.ConfigApiStub.ruleCompliance;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link AwsConfigComplianceReader} against AWS Config as WireMock speaks it (AWS JSON 1.1). */
class AwsConfigComplianceReaderIT {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String DESCRIBE = "DescribeComplianceByConfigRule";
    private static final String DETAILS = "GetComplianceDetailsByConfigRule";
    private static final String P = "urn:pulumi:prod::tap::";
    private static final ManagedResource BUCKET = new ManagedResource(P + "aws:s3/bucketV2:BucketV2::logs",
            "aws:s3/bucketV2:BucketV2", "prod-s3-logs-us-east-1", "arn:aws:s3:::prod-s3-logs-us-east-1");
    private static final ManagedResource SG = new ManagedResource(P + "aws:ec2/securityGroup:SecurityGroup::web",
            "aws:ec2/securityGroup:SecurityGroup", "sg-0abc123", null);
    private static final ManagedResource RDS = new ManagedResource(P + "aws:rds/instance:Instance::db",
            "aws:rds/instance:Instance", "db-ABCDEFGHIJKLMNOPQRSTUVWX12",
            "arn:aws:rds:us-east-1:123456789012:db:prod-rds-main-us-east-1");
    private static final List<ManagedResource> MANAGED = List.of(BUCKET, SG, RDS);

    private final ConfigApiStub config = new ConfigApiStub(wm);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private AwsConfigComplianceReader reader;

    private AwsConfigComplianceReader reader(ComplianceProperties properties) {
        reader = new AwsConfigComplianceReader(ConfigApiStub.clients(wm, properties), properties,
                new ComplianceState(registry), Clock.systemUTC());
        return reader;
    }

    private AwsConfigComplianceReader reader() {
        return reader(ConfigApiStub.properties(4, 2, false, Set.of()));
    }

    @AfterEach
    void close() {
        if (reader != null) reader.close();
    }

    @Test
    void readsEveryPageAndOnlyTheDetailsOfNonCompliantRules() {
        String region = "us-east-1";
        config.ok(call(region, DESCRIBE).withRequestBody(matchingJsonPath("$.NextToken", absent())),
                "{\"ComplianceByConfigRules\":[" + ruleCompliance("s3-bucket-versioning-enabled", "NON_COMPLIANT", 2)
                        + "," + ruleCompliance("encrypted-volumes", "COMPLIANT", 0)
                        + "],\"NextToken\":\"rules-page-2\"}");
        config.ok(call(region, DESCRIBE).withRequestBody(matchingJsonPath("$.NextToken", equalTo("rules-page-2"))),
                "{\"ComplianceByConfigRules\":[" + ruleCompliance("rds-storage-encrypted", "INSUFFICIENT_DATA", 0)
                        + "," + ruleCompliance("restricted-ssh", "NON_COMPLIANT", 1) + "]}");
        config.ok(call(region, DETAILS).withRequestBody(equalToJson(
                        "{\"ConfigRuleName\":\"s3-bucket-versioning-enabled\",\"ComplianceTypes\":[\"NON_COMPLIANT\"],\"Limit\":2}")),
                "{\"EvaluationResults\":[" + evaluation("s3-bucket-versioning-enabled", "AWS::S3::Bucket",
                        "prod-s3-logs-us-east-1", "NON_COMPLIANT", "Versioning is suspended")
                        + "," + evaluation("s3-bucket-versioning-enabled", "AWS::S3::Bucket", "someone-elses-bucket",
                        "NON_COMPLIANT", "Versioning is not enabled") + "],\"NextToken\":\"details-page-2\"}");
        config.ok(call(region, DETAILS).withRequestBody(equalToJson(
                        "{\"ConfigRuleName\":\"s3-bucket-versioning-enabled\",\"ComplianceTypes\":[\"NON_COMPLIANT\"],"
                                + "\"Limit\":2,\"NextToken\":\"details-page-2\"}")),
                "{\"EvaluationResults\":[" + evaluation("s3-bucket-versioning-enabled", "AWS::RDS::DBInstance",
                        "db-ABCDEFGHIJKLMNOPQRSTUVWX12", "NON_COMPLIANT", "Backups disabled") + "]}");
        config.ok(call(region, DETAILS).withRequestBody(matchingJsonPath("$.ConfigRuleName", equalTo("restricted-ssh"))),
                "{\"EvaluationResults\":[" + evaluation("restricted-ssh", "AWS::EC2::SecurityGroup", "sg-0abc123",
                        "NON_COMPLIANT", "0.0.0.0/0 on port 22") + "]}");

        ComplianceReport report = reader().read("prod", List.of(region), MANAGED);

        assertThat(report.errors()).isEmpty();
        assertThat(report.nonCompliantRules()).containsExactlyEntriesOf(java.util.Map.of(region, 2));
        assertThat(report.findings()).extracting(ComplianceFinding::resourceId, ComplianceFinding::urn).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("prod-s3-logs-us-east-1", BUCKET.urn()),
                org.assertj.core.groups.Tuple.tuple("someone-elses-bucket", null),
                org.assertj.core.groups.Tuple.tuple("db-ABCDEFGHIJKLMNOPQRSTUVWX12", RDS.urn()),
                org.assertj.core.groups.Tuple.tuple("sg-0abc123", SG.urn()));
        ComplianceFinding bucket = report.findings().stream().filter(f -> f.urn() != null && f.urn().equals(BUCKET.urn()))
                .findFirst().orElseThrow();
        assertThat(bucket.annotation()).isEqualTo("Versioning is suspended");
        assertThat(bucket.recordedAt()).isEqualTo(Instant.ofEpochMilli(1764720123456L));
        assertThat(bucket.pulumiType()).isEqualTo("aws:s3/bucketV2:BucketV2");
        assertThat(report.toDrift()).filteredOn(d -> d.sources().contains(DriftSource.UNMANAGED)).singleElement()
                .satisfies(d -> assertThat(d.operation()).isEqualTo(Operation.NONE));
        assertThat(report.toDrift()).filteredOn(d -> d.sources().contains(DriftSource.COMPLIANCE)).hasSize(3)
                .allSatisfy(d -> assertThat(d.operation()).isEqualTo(Operation.UPDATE));

        assertThat(config.requests(region, DESCRIBE)).hasSize(2);
        assertThat(config.requests(region, DETAILS)).hasSize(3)
                .noneMatch(r -> r.getBodyAsString().contains("encrypted-volumes"))
                .noneMatch(r -> r.getBodyAsString().contains("rds-storage-encrypted"));
        assertThat(registry.get("tap.compliance.noncompliant.rules").tags("stack", "prod", "region", region)
                .gauge().value()).isEqualTo(2);
        assertThat(registry.get("tap.compliance.noncompliant.resources").tags("stack", "prod", "region", region)
                .gauge().value()).isEqualTo(4);
    }

    @Test
    void throttlingIsRetriedWithBackoffUntilItSucceeds() {
        String region = "us-east-1";
        wm.stubFor(call(region, DESCRIBE).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(errorResponse(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("once"));
        wm.stubFor(call(region, DESCRIBE).inScenario("throttled").whenScenarioStateIs("once")
                .willReturn(errorResponse(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("twice"));
        wm.stubFor(call(region, DESCRIBE).inScenario("throttled").whenScenarioStateIs("twice")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", ConfigApiStub.JSON_1_1)
                        .withBody("{\"ComplianceByConfigRules\":[" + ruleCompliance("restricted-ssh", "NON_COMPLIANT", 1) + "]}")));
        config.ok(call(region, DETAILS), "{\"EvaluationResults\":[" + evaluation("restricted-ssh",
                "AWS::EC2::SecurityGroup", "sg-0abc123", "NON_COMPLIANT", "open") + "]}");

        ComplianceReport report = reader().read("prod", List.of(region), MANAGED);

        assertThat(report.errors()).isEmpty();
        assertThat(report.findings()).singleElement().extracting(ComplianceFinding::urn).isEqualTo(SG.urn());
        assertThat(config.requests(region, DESCRIBE)).hasSize(3);
    }

    @Test
    void throttlingThatNeverStopsGivesUpAfterTheConfiguredAttemptsAsARetryableError() {
        String region = "us-west-2";
        config.error(call(region, DESCRIBE), 400, "ThrottlingException", "Rate exceeded");

        ComplianceReport report = reader(ConfigApiStub.properties(4, 100, false, Set.of()))
                .read("prod", List.of(region), MANAGED);

        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.region()).isEqualTo(region);
            assertThat(e.errorCode()).isEqualTo("ThrottlingException");
            assertThat(e.retryable()).isTrue();
        });
        assertThat(config.requests(region, DESCRIBE)).as("max-attempts=4, the SDK default is 3").hasSize(4);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void accessDeniedIsAClearErrorAndIsNotRetried() {
        String region = "ap-south-1";
        config.error(call(region, DESCRIBE), 400, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/"
                + "tap-reconciler/pod is not authorized to perform: config:DescribeComplianceByConfigRule");

        ComplianceReport report = reader().read("prod", List.of(region), MANAGED);

        RegionError error = report.errors().get(0);
        assertThat(report.errors()).hasSize(1);
        assertThat(error.errorCode()).isEqualTo("AccessDeniedException");
        assertThat(error.retryable()).isFalse();
        assertThat(error.message()).contains(region, "DescribeComplianceByConfigRule", "not authorized",
                "config:Describe*", "not retried").doesNotContain("tap-test-secret");
        assertThat(config.requests(region, DESCRIBE)).hasSize(1);
    }

    @Test
    void oneFailingRegionAmongThreeDoesNotHideTheOthers() {
        for (String region : List.of("us-east-1", "ap-south-1")) {
            config.ok(call(region, DESCRIBE), "{\"ComplianceByConfigRules\":[" + ruleCompliance("restricted-ssh",
                    "NON_COMPLIANT", 1) + "]}");
            config.ok(call(region, DETAILS), "{\"EvaluationResults\":[" + evaluation("restricted-ssh",
                    "AWS::EC2::SecurityGroup", "sg-" + region, "NON_COMPLIANT", "open") + "]}");
        }
        config.error(call("us-west-2", DESCRIBE), 400, "AccessDeniedException", "not authorized");

        ComplianceReport report = reader().read("prod", List.of("us-east-1", "us-west-2", "ap-south-1"), MANAGED);

        assertThat(report.nonCompliantRules()).containsOnlyKeys("us-east-1", "ap-south-1");
        assertThat(report.findings()).extracting(ComplianceFinding::region, ComplianceFinding::resourceId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("us-east-1", "sg-us-east-1"),
                        org.assertj.core.groups.Tuple.tuple("ap-south-1", "sg-ap-south-1"));
        assertThat(report.errors()).extracting(RegionError::region, RegionError::errorCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("us-west-2", "AccessDeniedException"));
        assertThat(config.requests("us-west-2", DETAILS)).isEmpty();
        assertThat(registry.get("tap.compliance.noncompliant.rules").tags("region", "ap-south-1").gauge().value())
                .isEqualTo(1);
        assertThat(registry.get("tap.compliance.read.errors").tags("region", "us-west-2").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailureInTheDetailsOfOneRuleFailsTheWholeRegionRatherThanReportingHalfOfIt() {
        String region = "us-east-1";
        config.ok(call(region, DESCRIBE), "{\"ComplianceByConfigRules\":[" + ruleCompliance("a-rule", "NON_COMPLIANT", 1)
                + "," + ruleCompliance("b-rule", "NON_COMPLIANT", 1) + "]}");
        config.ok(call(region, DETAILS).withRequestBody(matchingJsonPath("$.ConfigRuleName", equalTo("a-rule"))),
                "{\"EvaluationResults\":[" + evaluation("a-rule", "AWS::EC2::SecurityGroup", "sg-0abc123",
                        "NON_COMPLIANT", "open") + "]}");
        config.error(call(region, DETAILS).withRequestBody(matchingJsonPath("$.ConfigRuleName", equalTo("b-rule"))),
                400, "NoSuchConfigRuleException", "The ConfigRule 'b-rule' provided in the request is invalid.");

        ComplianceReport report = reader().read("prod", List.of(region), MANAGED);

        assertThat(report.findings()).isEmpty();
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.errorCode()).isEqualTo("NoSuchConfigRuleException");
            assertThat(e.message()).contains("GetComplianceDetailsByConfigRule");
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void anUnknownRegionIsRefusedWithoutCallingAws() {
        ComplianceReport report = reader().read("prod", List.of("xx-nowhere-9"), MANAGED);

        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.errorCode()).isEqualTo("UnknownRegion");
            assertThat(e.retryable()).isFalse();
            assertThat(e.message()).contains("xx-nowhere-9", "tap.compliance.regions");
        });
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void theRegionOverrideReplacesTheTopologyRegions() {
        config.ok(call("eu-west-1", DESCRIBE), "{\"ComplianceByConfigRules\":[]}");
        ComplianceProperties p = ConfigApiStub.properties(4, 100, false, Set.of());
        ComplianceProperties withOverride = new ComplianceProperties(true, null, List.of("eu-west-1"), p.pageSize(),
                p.maxAttempts(), p.retryBaseDelay(), p.throttlingBaseDelay(), p.retryMaxBackoff(), p.parallelRegions(),
                p.configRemediation());

        ComplianceReport report = reader(withOverride).read("prod", List.of("us-east-1"), MANAGED);

        assertThat(report.errors()).isEmpty();
        assertThat(report.nonCompliantRules()).containsOnlyKeys("eu-west-1");
        assertThat(config.requests("us-east-1", DESCRIBE)).isEmpty();
    }

    @Test
    void theComplianceEndpointOverridesTheSharedAwsEndpoint() {
        config.ok(call("us-east-1", DESCRIBE), "{\"ComplianceByConfigRules\":[]}");
        ComplianceProperties p = ConfigApiStub.properties(1, 100, false, Set.of());
        ComplianceProperties own = new ComplianceProperties(true, java.net.URI.create(wm.baseUrl()), List.of(),
                p.pageSize(), p.maxAttempts(), p.retryBaseDelay(), p.throttlingBaseDelay(), p.retryMaxBackoff(),
                p.parallelRegions(), p.configRemediation());
        // tap.aws.endpoint points at a port nobody listens on (moto, say, for the other clients)
        reader = AwsConfigComplianceReader.create(new io.tap.reconciler.config.AwsProperties(
                        java.net.URI.create("http://127.0.0.1:9"), java.time.Duration.ofSeconds(5)), own,
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDTAPTEST", "x")),
                new ComplianceState(registry));

        ComplianceReport report = reader.read("prod", List.of("us-east-1"), MANAGED);

        assertThat(report.errors()).isEmpty();
        assertThat(config.requests("us-east-1", DESCRIBE)).hasSize(1);
    }
}
