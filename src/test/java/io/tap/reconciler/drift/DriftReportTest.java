package io.tap.reconciler.drift;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DriftReportTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String BUCKET = "urn:pulumi:prod::tap::aws:s3/bucketV2:BucketV2::logs";
    private static final String SG = "urn:pulumi:prod::tap::aws:ec2/securityGroup:SecurityGroup::app";

    private static PropertyChange tag(String value) {
        return new PropertyChange("tags.Owner", ChangeKind.UPDATE, true, "platform-team", value);
    }

    @Test
    void mergesTheSameResourceSeenByTwoSourcesIntoOneEntry() {
        var cloud = ResourceDrift.of(BUCKET, "aws:s3/bucketV2:BucketV2", Operation.UPDATE, DriftSource.CLOUD, List.of(tag("x")));
        var code = ResourceDrift.of(BUCKET, "aws:s3/bucketV2:BucketV2", Operation.REPLACE, DriftSource.CODE,
                List.of(new PropertyChange("bucket", ChangeKind.UPDATE, true, "a", "b")));

        var report = DriftReport.merge("prod", T0, List.of(cloud), List.of(code));

        assertThat(report.resources()).hasSize(1);
        ResourceDrift merged = report.resources().get(0);
        assertThat(merged.sources()).containsExactlyInAnyOrder(DriftSource.CLOUD, DriftSource.CODE);
        assertThat(merged.operation()).isEqualTo(Operation.REPLACE);
        assertThat(merged.changes()).extracting(PropertyChange::path).containsExactly("bucket", "tags.Owner");
        assertThat(report.countsByOperation()).containsEntry(Operation.REPLACE, 1L).hasSize(1);
        assertThat(report.countsBySource()).containsEntry(DriftSource.CLOUD, 1L).containsEntry(DriftSource.CODE, 1L);
    }

    @Test
    void fingerprintIgnoresOrderAndTimeButNotContent() {
        var a = ResourceDrift.of(BUCKET, "t", Operation.UPDATE, DriftSource.CLOUD, List.of(tag("x")));
        var b = ResourceDrift.of(SG, "t", Operation.DELETE, DriftSource.CODE, List.of());

        String one = DriftReport.merge("prod", T0, List.of(a, b)).fingerprint();
        String two = DriftReport.merge("prod", T0.plusSeconds(60), List.of(b), List.of(a)).fingerprint();
        String changed = DriftReport.merge("prod", T0, List.of(
                ResourceDrift.of(BUCKET, "t", Operation.UPDATE, DriftSource.CLOUD, List.of(tag("y"))), b)).fingerprint();

        assertThat(one).isEqualTo(two).hasSize(32);
        assertThat(changed).isNotEqualTo(one);
    }

    @Test
    void aCleanReportIsCleanAndHasTheCleanFingerprint() {
        var report = DriftReport.clean("prod", T0);
        assertThat(report.isClean()).isTrue();
        assertThat(report.fingerprint()).isEqualTo("clean");
        assertThat(DriftReport.merge("prod", T0, List.of(
                new ResourceDrift(SG, "t", Operation.UPDATE, Set.of(DriftSource.COMPLIANCE), List.of(), List.of("n"))))
                .isClean()).isFalse();
    }
}
