package io.tap.reconciler.compliance;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tap.reconciler.compliance.ConfigRemediation.Outcome;
import io.tap.reconciler.config.ComplianceProperties;
import io.tap.reconciler.config.RemediationMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tap.reconciler.compliance.ConfigApiStub.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** {@link ConfigRemediator} against AWS Config as WireMock speaks it. */
class ConfigRemediatorIT {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String REGION = "us-east-1";
    private static final String SSH = "restricted-ssh";
    private static final String VERSIONING = "s3-bucket-versioning-enabled";
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
    private static final String URN = "urn:pulumi:prod::tap::aws:ec2/securityGroup:SecurityGroup::";

    private final ConfigApiStub config = new ConfigApiStub(wm);
    private final ComplianceState state = new ComplianceState(new SimpleMeterRegistry());
    private ConfigClients clients;

    private static ComplianceFinding sg(String id, boolean managed) {
        return new ComplianceFinding(REGION, SSH, "AWS::EC2::SecurityGroup", id, "port 22 open", T,
                managed ? URN + id : null, managed ? "aws:ec2/securityGroup:SecurityGroup" : null);
    }

    private static final ComplianceFinding BUCKET = new ComplianceFinding(REGION, VERSIONING, "AWS::S3::Bucket",
            "prod-s3-logs", null, T, "urn:pulumi:prod::tap::aws:s3/bucketV2:BucketV2::logs", "aws:s3/bucketV2:BucketV2");

    private final ComplianceReport report = new ComplianceReport(Map.of(REGION, 2),
            List.of(sg("sg-busy", true), sg("sg-idle", true), sg("sg-not-ours", false), BUCKET), List.of());

    private ConfigRemediator remediator(boolean enabled, Set<String> rules) {
        ComplianceProperties p = ConfigApiStub.properties(3, 100, enabled, rules);
        clients = ConfigApiStub.clients(wm, p);
        return new ConfigRemediator(clients, p, state, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (clients != null) clients.close();
    }

    private void stubConfigurations() {
        config.ok(call(REGION, "DescribeRemediationConfigurations"), """
                {"RemediationConfigurations":[{"ConfigRuleName":"restricted-ssh","TargetType":"SSM_DOCUMENT",\
                "TargetId":"AWS-DisablePublicAccessForSecurityGroup","TargetVersion":"1","Automatic":false,\
                "Parameters":{"GroupId":{"ResourceValue":{"Value":"RESOURCE_ID"}},\
                "AutomationAssumeRole":{"StaticValue":{"Values":["arn:aws:iam::123456789012:role/config-remediation"]}}},\
                "Arn":"arn:aws:config:us-east-1:123456789012:remediation-configuration/restricted-ssh/1"}]}""");
    }

    private void stubStatus(String sgBusyState) {
        config.ok(call(REGION, "DescribeRemediationExecutionStatus"), """
                {"RemediationExecutionStatuses":[{"ResourceKey":{"resourceType":"AWS::EC2::SecurityGroup",\
                "resourceId":"sg-busy"},"State":"%s","StepDetails":[],"InvocationTime":1764720000.0,\
                "LastUpdatedTime":1764720060.0}]}""".formatted(sgBusyState));
    }

    @Test
    void startsOnlyManagedResourcesWithNoExecutionRunningAndRespectsOneAtATime() {
        stubConfigurations();
        stubStatus("IN_PROGRESS");
        config.ok(call(REGION, "StartRemediationExecution"), "{\"FailedItems\":[]}");

        List<ConfigRemediation> out = remediator(true, Set.of()).remediate("prod", RemediationMode.AUTO, report);

        assertThat(out).extracting(ConfigRemediation::rule, ConfigRemediation::resourceId, ConfigRemediation::outcome)
                .containsExactlyInAnyOrder(
                        tuple(SSH, "sg-busy", Outcome.ALREADY_RUNNING),
                        tuple(SSH, "sg-idle", Outcome.STARTED),
                        tuple(VERSIONING, "prod-s3-logs", Outcome.NO_REMEDIATION_CONFIGURATION));
        assertThat(config.requests(REGION, "DescribeRemediationConfigurations")).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains(SSH, VERSIONING));
        wm.verify(1, ConfigApiStub.requested(REGION, "StartRemediationExecution").withRequestBody(equalToJson("""
                {"ConfigRuleName":"restricted-ssh","ResourceKeys":[{"resourceType":"AWS::EC2::SecurityGroup",\
                "resourceId":"sg-idle"}]}""")));
        assertThat(wm.getAllServeEvents()).noneMatch(e -> e.getRequest().getBodyAsString().contains("sg-not-ours"));
        assertThat(state.remediations("prod")).hasSize(3);
    }

    @Test
    void refreshRecordsTheExecutionStatusConfigReports() {
        stubConfigurations();
        stubStatus("SUCCEEDED");
        config.ok(call(REGION, "StartRemediationExecution"), "{\"FailedItems\":[]}");
        ConfigRemediator remediator = remediator(true, Set.of(SSH));
        remediator.remediate("prod", RemediationMode.AUTO, report);
        wm.resetAll();
        config.ok(call(REGION, "DescribeRemediationExecutionStatus"), """
                {"RemediationExecutionStatuses":[{"ResourceKey":{"resourceType":"AWS::EC2::SecurityGroup",\
                "resourceId":"sg-idle"},"State":"FAILED","StepDetails":[{"Name":"DisablePublicAccess",\
                "State":"FAILED","ErrorMessage":"AccessDenied on ec2:RevokeSecurityGroupIngress"}],\
                "InvocationTime":1764720200.0,"LastUpdatedTime":1764720260.0},\
                {"ResourceKey":{"resourceType":"AWS::EC2::SecurityGroup","resourceId":"sg-busy"},"State":"SUCCEEDED",\
                "StepDetails":[],"InvocationTime":1764720000.0,"LastUpdatedTime":1764720100.0}]}""");

        List<ConfigRemediation> refreshed = remediator.refresh("prod");

        assertThat(refreshed).extracting(ConfigRemediation::resourceId, ConfigRemediation::outcome, ConfigRemediation::state)
                .contains(tuple("sg-idle", Outcome.STARTED, "FAILED"), tuple("sg-busy", Outcome.STARTED, "SUCCEEDED"));
        assertThat(refreshed).filteredOn(r -> r.resourceId().equals("sg-idle")).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("DisablePublicAccess", "RevokeSecurityGroupIngress"));
        assertThat(refreshed).filteredOn(r -> r.rule().equals(VERSIONING)).singleElement()
                .extracting(ConfigRemediation::outcome).isEqualTo(Outcome.NOT_ALLOWED);
        assertThat(state.remediations("prod")).isEqualTo(refreshed);
        wm.verify(1, ConfigApiStub.requested(REGION, "DescribeRemediationExecutionStatus")
                .withRequestBody(matchingJsonPath("$.ConfigRuleName", equalTo(SSH))));
    }

    @Test
    void resourcesConfigRefusesAreReportedAsFailedWithItsMessage() {
        stubConfigurations();
        config.ok(call(REGION, "DescribeRemediationExecutionStatus"), "{\"RemediationExecutionStatuses\":[]}");
        config.ok(call(REGION, "StartRemediationExecution"), """
                {"FailureMessage":"The resource is already compliant.","FailedItems":[\
                {"resourceType":"AWS::EC2::SecurityGroup","resourceId":"sg-busy"}]}""");

        List<ConfigRemediation> out = remediator(true, Set.of(SSH)).remediate("prod", RemediationMode.AUTO, report);

        assertThat(out).filteredOn(r -> r.resourceId().equals("sg-busy")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.detail()).contains("already compliant");
        });
        assertThat(out).filteredOn(r -> r.resourceId().equals("sg-idle")).singleElement()
                .extracting(ConfigRemediation::outcome).isEqualTo(Outcome.STARTED);
    }

    @Test
    void accessDeniedMarksTheRegionsResourcesFailedWithoutRetrying() {
        config.error(call(REGION, "DescribeRemediationConfigurations"), 400, "AccessDeniedException", "not authorized");

        List<ConfigRemediation> out = remediator(true, Set.of()).remediate("prod", RemediationMode.AUTO, report);

        assertThat(out).hasSize(3).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.detail()).contains("AccessDeniedException");
        });
        assertThat(config.requests(REGION, "DescribeRemediationConfigurations")).hasSize(1);
        assertThat(config.requests(REGION, "StartRemediationExecution")).isEmpty();
    }

    @Test
    void nothingIsCalledUnlessEnabledAndTheStackIsInAutoMode() {
        assertThat(remediator(true, Set.of()).remediate("prod", RemediationMode.DETECT_ONLY, report)).isEmpty();
        assertThat(remediator(true, Set.of()).remediate("prod", RemediationMode.APPROVAL, report)).isEmpty();
        assertThat(remediator(false, Set.of()).remediate("prod", RemediationMode.AUTO, report)).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
