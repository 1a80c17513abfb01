package io.tap.reconciler.remediation;

import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.config.RemediationProperties;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RemediationPolicyTest {

    private static final String SG = "aws:ec2/securityGroup:SecurityGroup";
    private static final String RDS = "aws:rds/instance:Instance";

    private final RemediationPolicy policy = new RemediationPolicy(new RemediationProperties(
            Set.of("delete", "REPLACE"), Set.of(RDS), 3, Duration.ofHours(1), 3));

    private static ResourceDrift drift(String name, String type, Operation op, DriftSource... sources) {
        return new ResourceDrift("urn:" + name, type, op, Set.of(sources), List.of(), List.of());
    }

    private static DriftReport report(ResourceDrift... d) {
        return DriftReport.merge("prod", Instant.EPOCH, List.of(d));
    }

    @Test
    void aCleanReportNeedsNothing() {
        assertThat(policy.decide(DriftReport.clean("prod", Instant.EPOCH), RemediationMode.AUTO, RecentRemediations.NONE))
                .isInstanceOf(RemediationDecision.Nothing.class);
    }

    @Test
    void autoAppliesInPlaceUpdatesOfCloudCodeAndComplianceDrift() {
        var d = policy.decide(report(drift("a", SG, Operation.UPDATE, DriftSource.CLOUD),
                drift("b", SG, Operation.CREATE, DriftSource.CODE),
                drift("c", SG, Operation.UPDATE, DriftSource.COMPLIANCE)), RemediationMode.AUTO, RecentRemediations.NONE);
        assertThat(d).isEqualTo(RemediationDecision.apply(Set.of("urn:a", "urn:b", "urn:c")));
    }

    @Test
    void detectOnlyNeverApplies() {
        var d = policy.decide(report(drift("a", SG, Operation.UPDATE, DriftSource.CLOUD)), RemediationMode.DETECT_ONLY,
                RecentRemediations.NONE);
        assertThat(d).isInstanceOf(RemediationDecision.AlertOnly.class);
        assertThat(d.describe()).contains("DETECT_ONLY");
    }

    @Test
    void approvalModeHoldsEvenAHarmlessPlan() {
        var d = policy.decide(report(drift("a", SG, Operation.UPDATE, DriftSource.CLOUD)), RemediationMode.APPROVAL,
                RecentRemediations.NONE);
        assertThat(d).isInstanceOfSatisfying(RemediationDecision.AwaitApproval.class, a -> {
            assertThat(a.targets()).containsExactly("urn:a");
            assertThat(a.reasons()).containsExactly("mode APPROVAL");
        });
    }

    @Test
    void neverAutoOperationsNeedApprovalInAutoModeCaseInsensitively() {
        for (Operation op : List.of(Operation.DELETE, Operation.REPLACE)) {
            var d = policy.decide(report(drift("a", SG, Operation.UPDATE, DriftSource.CLOUD),
                    drift("b", SG, op, DriftSource.CODE)), RemediationMode.AUTO, RecentRemediations.NONE);
            assertThat(d).isInstanceOfSatisfying(RemediationDecision.AwaitApproval.class, a -> {
                assertThat(a.targets()).containsExactly("urn:a", "urn:b");
                assertThat(a.reasons()).containsExactly("never-auto operation " + op);
            });
        }
    }

    @Test
    void protectedTypesNeedApprovalEvenForAnInPlaceUpdate() {
        var d = policy.decide(report(drift("db", RDS, Operation.UPDATE, DriftSource.CLOUD)), RemediationMode.AUTO,
                RecentRemediations.NONE);
        assertThat(d).isInstanceOfSatisfying(RemediationDecision.AwaitApproval.class,
                a -> assertThat(a.reasons()).containsExactly("protected type " + RDS));
    }

    @Test
    void moreChangesThanTheMaximumNeedApprovalButTheMaximumItselfIsApplied() {
        List<ResourceDrift> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) three.add(drift("r" + i, SG, Operation.UPDATE, DriftSource.CLOUD));
        assertThat(policy.decide(report(three.toArray(ResourceDrift[]::new)), RemediationMode.AUTO, RecentRemediations.NONE))
                .isInstanceOf(RemediationDecision.Apply.class);
        three.add(drift("r3", SG, Operation.UPDATE, DriftSource.CLOUD));
        var d = policy.decide(report(three.toArray(ResourceDrift[]::new)), RemediationMode.AUTO, RecentRemediations.NONE);
        assertThat(d).isInstanceOfSatisfying(RemediationDecision.AwaitApproval.class,
                a -> assertThat(a.reasons()).containsExactly("4 changes exceed max-changes-per-run 3"));
    }

    @Test
    void unmanagedAndInformationalFindingsAreNeverTargeted() {
        var unmanaged = new ResourceDrift("AWS::S3::Bucket:x@us-east-1", "AWS::S3::Bucket", Operation.NONE,
                Set.of(DriftSource.UNMANAGED), List.of(), List.of("rule s3-public"));
        var d = policy.decide(report(unmanaged, drift("a", SG, Operation.UPDATE, DriftSource.CLOUD)),
                RemediationMode.AUTO, RecentRemediations.NONE);
        assertThat(d).isEqualTo(RemediationDecision.apply(Set.of("urn:a")));
        assertThat(policy.decide(report(unmanaged), RemediationMode.AUTO, RecentRemediations.NONE))
                .isInstanceOf(RemediationDecision.AlertOnly.class);
    }

    @Test
    void aResourceDriftingAgainSoonAfterItsRemediationIsFlappingAndEscalated() {
        var recent = new RecentRemediations(Set.of("urn:a"), Set.of());
        var d = policy.decide(report(drift("a", SG, Operation.UPDATE, DriftSource.CLOUD),
                drift("b", SG, Operation.UPDATE, DriftSource.CLOUD)), RemediationMode.AUTO, recent);
        assertThat(d).isInstanceOfSatisfying(RemediationDecision.AwaitApproval.class, a -> {
            assertThat(a.flapping()).containsExactly("urn:a");
            assertThat(a.reasons()).containsExactly("1 flapping resource(s)");
        });
    }

    @Test
    void aResourceStaysFlappingWhileItKeepsDrifting() {
        var recent = new RecentRemediations(Set.of(), Set.of("urn:a"));
        var d = policy.decide(report(drift("a", SG, Operation.UPDATE, DriftSource.CLOUD)), RemediationMode.AUTO, recent);
        assertThat(d.flapping()).containsExactly("urn:a");
        assertThat(d).isNotInstanceOf(RemediationDecision.Apply.class);
    }

    @Test
    void flappingIsReportedInDetectOnlyToo() {
        var recent = new RecentRemediations(Set.of("urn:a"), Set.of());
        var d = policy.decide(report(drift("a", SG, Operation.UPDATE, DriftSource.CLOUD)), RemediationMode.DETECT_ONLY, recent);
        assertThat(d).isInstanceOf(RemediationDecision.AlertOnly.class);
        assertThat(d.flapping()).containsExactly("urn:a");
    }
}
