package io.tap.reconciler.compliance;

import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComplianceReportTest {

    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void managedFindingsBecomeComplianceDriftAndUnmanagedOnesEvidenceOnly() {
        ComplianceFinding managed = new ComplianceFinding("us-east-1", "s3-bucket-versioning-enabled", "AWS::S3::Bucket",
                "prod-s3-logs", "Versioning is suspended", T, "urn:pulumi:prod::tap::aws:s3/bucketV2:BucketV2::logs",
                "aws:s3/bucketV2:BucketV2");
        ComplianceFinding unmanaged = new ComplianceFinding("us-west-2", "restricted-ssh", "AWS::EC2::SecurityGroup",
                "sg-999", null, T, null, null);
        ComplianceReport report = new ComplianceReport(Map.of("us-east-1", 1, "us-west-2", 1),
                List.of(managed, unmanaged), List.of());

        List<ResourceDrift> drift = report.toDrift();

        assertThat(drift).hasSize(2);
        ResourceDrift d = drift.get(0);
        assertThat(d.urn()).isEqualTo(managed.urn());
        assertThat(d.operation()).isEqualTo(Operation.UPDATE);
        assertThat(d.sources()).containsExactly(DriftSource.COMPLIANCE);
        assertThat(d.notes()).singleElement().asString()
                .contains("s3-bucket-versioning-enabled", "us-east-1", "NON_COMPLIANT", "Versioning is suspended",
                        "managed by this stack");
        ResourceDrift u = drift.get(1);
        assertThat(u.urn()).isEqualTo("AWS::EC2::SecurityGroup:sg-999@us-west-2");
        assertThat(u.operation()).isEqualTo(Operation.NONE);
        assertThat(u.sources()).containsExactly(DriftSource.UNMANAGED);
        assertThat(u.notes()).singleElement().asString().contains("not managed by this stack", "never touched");
    }

    @Test
    void aRegionErrorKeepsTheSameDedupKeyWhileItFailsTheSameWay() {
        var a = new ComplianceReport.RegionError("us-west-2", "AccessDeniedException", "run 1", false);
        var b = new ComplianceReport.RegionError("us-west-2", "AccessDeniedException", "run 2", false);
        assertThat(a.dedupKey()).isEqualTo(b.dedupKey()).contains("us-west-2", "AccessDeniedException");
        assertThat(new ComplianceReport.RegionError("us-east-1", "AccessDeniedException", "", false).dedupKey())
                .isNotEqualTo(a.dedupKey());
    }

    @Test
    void twoRulesOnOneManagedResourceMergeIntoOneDriftEntry() {
        String urn = "urn:pulumi:prod::tap::aws:ec2/securityGroup:SecurityGroup::web";
        ComplianceFinding a = new ComplianceFinding("us-east-1", "restricted-ssh", "AWS::EC2::SecurityGroup", "sg-1",
                null, T, urn, "aws:ec2/securityGroup:SecurityGroup");
        ComplianceFinding b = new ComplianceFinding("us-east-1", "vpc-sg-open-only-to-authorized-ports",
                "AWS::EC2::SecurityGroup", "sg-1", null, T, urn, "aws:ec2/securityGroup:SecurityGroup");

        DriftReport merged = DriftReport.merge("prod", T, new ComplianceReport(Map.of(), List.of(a, b), List.of()).toDrift());

        assertThat(merged.resources()).singleElement().satisfies(d -> {
            assertThat(d.notes()).hasSize(2);
            assertThat(d.sources()).containsExactly(DriftSource.COMPLIANCE);
        });
    }
}
