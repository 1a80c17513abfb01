package io.tap.reconciler.compliance;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComplianceStateTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ComplianceState state = new ComplianceState(registry);

    private static ComplianceFinding finding(String region, String rule, String id) {
        return new ComplianceFinding(region, rule, "AWS::EC2::SecurityGroup", id, null, Instant.EPOCH, null, null);
    }

    private double gauge(String name, String region) {
        return registry.get(name).tags("stack", "prod", "region", region).gauge().value();
    }

    @Test
    void gaugesCountRulesAndDistinctResourcesPerRegion() {
        state.record("prod", List.of("us-east-1", "us-west-2"), new ComplianceReport(
                Map.of("us-east-1", 2, "us-west-2", 0),
                List.of(finding("us-east-1", "r1", "sg-1"), finding("us-east-1", "r2", "sg-1"),
                        finding("us-east-1", "r2", "sg-2")), List.of()), Instant.EPOCH);

        assertThat(gauge("tap.compliance.noncompliant.rules", "us-east-1")).isEqualTo(2);
        assertThat(gauge("tap.compliance.noncompliant.resources", "us-east-1")).isEqualTo(2);
        assertThat(gauge("tap.compliance.noncompliant.rules", "us-west-2")).isZero();
        assertThat(registry.get("tap.compliance.noncompliant.rules").gauges())
                .allSatisfy(g -> assertThat(g.getId().getTags()).extracting("key").containsOnly("stack", "region"));
    }

    @Test
    void aFailedRegionKeepsItsLastValuesAndCountsTheError() {
        state.record("prod", List.of("us-east-1"), new ComplianceReport(Map.of("us-east-1", 3),
                List.of(finding("us-east-1", "r1", "sg-1")), List.of()), Instant.EPOCH);
        state.record("prod", List.of("us-east-1"), new ComplianceReport(Map.of(), List.of(),
                List.of(new ComplianceReport.RegionError("us-east-1", "AccessDeniedException", "denied", false))),
                Instant.EPOCH.plusSeconds(60));

        assertThat(gauge("tap.compliance.noncompliant.rules", "us-east-1")).isEqualTo(3);
        assertThat(gauge("tap.compliance.noncompliant.resources", "us-east-1")).isEqualTo(1);
        assertThat(registry.get("tap.compliance.read.errors").tags("region", "us-east-1", "retryable", "false")
                .counter().count()).isEqualTo(1);
        assertThat(state.latest("prod")).get().extracting(s -> s.report().errors().size()).isEqualTo(1);
    }

    @Test
    void aRegionNeverReadSuccessfullyHasNoValue() {
        state.record("prod", List.of("ap-south-1"), new ComplianceReport(Map.of(), List.of(),
                List.of(new ComplianceReport.RegionError("ap-south-1", "ThrottlingException", "slow", true))), Instant.EPOCH);

        assertThat(gauge("tap.compliance.noncompliant.rules", "ap-south-1")).isNaN();
    }
}
