package io.tap.reconciler.topology;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyValidatorTest {

    private static List<String> problems(TopologySpec spec) {
        return TopologyValidator.problems(spec, "tap.topology");
    }

    private static TopologySpec withRegions(TopologySpec.Region... regions) {
        var s = Specs.threeRegions();
        return new TopologySpec(s.environment(), s.owner(), s.costCenter(), s.project(), "us-east-1", s.domainName(),
                List.of(regions), s.compute(), s.database(), s.logRetentionDays(), s.hostedZoneId());
    }

    private static TopologySpec with(UnaryOperator<Object[]> change) {
        var s = Specs.threeRegions();
        Object[] f = {s.environment(), s.owner(), s.costCenter(), s.project(), s.primaryRegion(), s.domainName(),
                s.regions(), s.compute(), s.database(), s.logRetentionDays(), s.hostedZoneId()};
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        List<TopologySpec.Region> regions = (List<TopologySpec.Region>) f[6];
        return new TopologySpec((String) f[0], (String) f[1], (String) f[2], (String) f[3], (String) f[4], (String) f[5],
                regions, (TopologySpec.Compute) f[7], (TopologySpec.Database) f[8], (Integer) f[9], (String) f[10]);
    }

    private static TopologySpec set(int index, Object value) {
        return with(f -> {
            f[index] = value;
            return f;
        });
    }

    @Test
    void theDefaultEstateIsValid() {
        assertThat(problems(Specs.threeRegions())).isEmpty();
        assertThat(Specs.threeRegions().validated()).isEqualTo(Specs.threeRegions());
    }

    @Test
    void overlappingCidrsNameBothProperties() {
        var spec = withRegions(new TopologySpec.Region("us-east-1", "10.10.0.0/16", 2),
                new TopologySpec.Region("us-west-2", "10.10.0.0/16", 2));
        assertThat(problems(spec)).containsExactly(
                "tap.topology.regions[1].vpc-cidr: 10.10.0.0/16 overlaps tap.topology.regions[0].vpc-cidr (10.10.0.0/16); peered VPCs need disjoint blocks");
    }

    @Test
    void aContainedBlockOverlapsToo() {
        var spec = withRegions(new TopologySpec.Region("us-east-1", "10.0.0.0/16", 2),
                new TopologySpec.Region("us-west-2", "10.1.0.0/16", 2),
                new TopologySpec.Region("ap-south-1", "10.0.128.0/20", 2));
        assertThat(problems(spec)).singleElement().asString()
                .startsWith("tap.topology.regions[2].vpc-cidr: 10.0.128.0/20 overlaps tap.topology.regions[0].vpc-cidr");
    }

    @Test
    void unknownRegion() {
        var spec = withRegions(new TopologySpec.Region("us-east-1", "10.10.0.0/16", 2),
                new TopologySpec.Region("us-east-7", "10.20.0.0/16", 2));
        assertThat(problems(spec)).singleElement().asString()
                .startsWith("tap.topology.regions[1].name: unknown region 'us-east-7' (known: ");
    }

    @Test
    void regionsOutsideTheStandardPartitionAreUnknown() {
        var spec = withRegions(new TopologySpec.Region("us-east-1", "10.10.0.0/16", 2),
                new TopologySpec.Region("cn-north-1", "10.20.0.0/16", 2));
        assertThat(problems(spec)).singleElement().asString().startsWith("tap.topology.regions[1].name: unknown region 'cn-north-1'");
    }

    @Test
    void duplicateRegion() {
        var spec = withRegions(new TopologySpec.Region("us-east-1", "10.10.0.0/16", 2),
                new TopologySpec.Region("us-east-1", "10.20.0.0/16", 2));
        assertThat(problems(spec)).containsExactly(
                "tap.topology.regions[1].name: duplicate region 'us-east-1', already at tap.topology.regions[0].name");
    }

    @Test
    void fewerThanTwoAvailabilityZones() {
        var spec = withRegions(new TopologySpec.Region("us-east-1", "10.10.0.0/16", 1));
        assertThat(problems(spec)).singleElement().asString()
                .startsWith("tap.topology.regions[0].availability-zones: 1 is outside 2..6");
    }

    @Test
    void moreAzsThanSubnetSlots() {
        var spec = withRegions(new TopologySpec.Region("us-east-1", "10.10.0.0/16", 7));
        assertThat(problems(spec)).singleElement().asString().startsWith("tap.topology.regions[0].availability-zones: 7 is outside");
    }

    @Test
    void badCidrs() {
        var spec = withRegions(new TopologySpec.Region("us-east-1", "10.10.0.0", 2),
                new TopologySpec.Region("us-west-2", "10.20.0.0/8", 2),
                new TopologySpec.Region("ap-south-1", "10.30.1.0/16", 2),
                new TopologySpec.Region("eu-west-1", "8.8.0.0/16", 2),
                new TopologySpec.Region("eu-central-1", null, 2),
                new TopologySpec.Region("ap-southeast-2", "10.300.0.0/16", 2));
        assertThat(problems(spec)).containsExactly(
                "tap.topology.regions[0].vpc-cidr: '10.10.0.0' is not an IPv4 CIDR block (a.b.c.d/n)",
                "tap.topology.regions[1].vpc-cidr: 10.20.0.0/8 must have a prefix between /16 and /24 (AWS allows /16../28 and each AZ needs two /prefix+4 subnets)",
                "tap.topology.regions[2].vpc-cidr: 10.30.1.0/16 has host bits set; did you mean 10.30.0.0/16?",
                "tap.topology.regions[3].vpc-cidr: 8.8.0.0/16 is not in a private (RFC 1918) range",
                "tap.topology.regions[4].vpc-cidr: must not be empty",
                "tap.topology.regions[5].vpc-cidr: '10.300.0.0/16' is not an IPv4 CIDR block (a.b.c.d/n)");
    }

    @Test
    void emptyRegionName() {
        var spec = withRegions(new TopologySpec.Region("us-east-1", "10.10.0.0/16", 2), new TopologySpec.Region(" ", "10.20.0.0/16", 2));
        assertThat(problems(spec)).containsExactly("tap.topology.regions[1].name: must not be empty");
    }

    @Test
    void noRegionsAndNoPrimary() {
        var spec = with(f -> {
            f[4] = null;
            f[6] = List.of();
            return f;
        });
        assertThat(problems(spec)).containsExactly("tap.topology.regions: must list at least one region",
                "tap.topology.primary-region: must not be empty");
    }

    @Test
    void primaryRegionMustBeConfigured() {
        assertThat(problems(set(4, "eu-west-1"))).containsExactly(
                "tap.topology.primary-region: 'eu-west-1' is not one of tap.topology.regions [us-east-1, us-west-2, ap-south-1]");
    }

    @Test
    void emptyOwnerAndCostCenter() {
        var spec = with(f -> {
            f[1] = "";
            f[2] = null;
            return f;
        });
        assertThat(problems(spec)).containsExactly(
                "tap.topology.owner: must not be empty (it is a required tag on every resource)",
                "tap.topology.cost-center: must not be empty (it is a required tag on every resource)");
    }

    @Test
    void invalidTagValueAndEnvironmentAndDomain() {
        var spec = with(f -> {
            f[0] = "prod-1";
            f[3] = "TAP<script>";
            f[5] = "Not A Domain";
            return f;
        });
        assertThat(problems(spec)).containsExactly(
                "tap.topology.environment: 'prod-1' must be 1-10 letters or digits, starting with a letter (it prefixes every name)",
                "tap.topology.project: 'TAP<script>' is not a valid AWS tag value (letters, digits, spaces and _.:/=+-@, at most 256)",
                "tap.topology.domain-name: 'Not A Domain' is not a lowercase DNS domain name");
    }

    @Test
    void hostedZoneIdMustLookLikeOne() {
        assertThat(problems(set(10, "Z0123456789ABC"))).isEmpty();
        assertThat(problems(set(10, "tap.example.com"))).containsExactly(
                "tap.topology.hosted-zone-id: 'tap.example.com' is not a Route 53 hosted zone id (Z followed by letters and digits)");
    }

    @Test
    void badComputeSizes() {
        assertThat(problems(set(7, new TopologySpec.Compute("t3.medium", 5, 3, 4, 8080)))).containsExactly(
                "tap.topology.compute.min: 5 is greater than tap.topology.compute.max (3)",
                "tap.topology.compute.desired: 4 is outside tap.topology.compute.min..tap.topology.compute.max (5..3)");
        assertThat(problems(set(7, new TopologySpec.Compute("medium", 0, 0, 0, 80)))).containsExactly(
                "tap.topology.compute.instance-type: 'medium' is not an EC2 instance type (e.g. t3.medium)",
                "tap.topology.compute.min: 0 must be at least 1",
                "tap.topology.compute.max: 0 must be at least 1",
                "tap.topology.compute.app-port: 80 must be an unprivileged port (1024..65535)");
        assertThat(problems(set(7, new TopologySpec.Compute("t3.medium", 2, 4, 9, null)))).containsExactly(
                "tap.topology.compute.desired: 9 is outside tap.topology.compute.min..tap.topology.compute.max (2..4)");
    }

    @Test
    void badDatabaseSizes() {
        assertThat(problems(set(8, new TopologySpec.Database("r6g.large", "sixteen", 0, 10)))).containsExactly(
                "tap.topology.database.instance-class: 'r6g.large' is not an RDS instance class (e.g. db.r6g.large)",
                "tap.topology.database.engine-version: 'sixteen' is not a PostgreSQL version (e.g. 16 or 16.4)",
                "tap.topology.database.replicas-per-region: 0 is outside 1..5",
                "tap.topology.database.allocated-storage: 10 GiB is outside 20..65536");
    }

    @Test
    void logRetentionMustBeACloudWatchPeriod() {
        assertThat(problems(set(9, 42))).singleElement().asString()
                .startsWith("tap.topology.log-retention-days: 42 is not a CloudWatch Logs retention period");
    }

    @Test
    void everyProblemIsReportedAtOnceAndNothingIsBuilt() {
        var spec = with(f -> {
            f[1] = "";
            f[6] = List.of(new TopologySpec.Region("us-east-1", "10.10.0.0/16", 1),
                    new TopologySpec.Region("us-east-1", "10.10.0.0/16", 2));
            f[7] = new TopologySpec.Compute(null, 4, 2, 3, null);
            return f;
        });
        assertThatThrownBy(() -> TapStack.program(spec))
                .isInstanceOfSatisfying(InvalidTopologyException.class, e -> {
                    assertThat(e.problems()).hasSize(6).allMatch(p -> p.startsWith("tap.topology."));
                    assertThat(e.getMessage()).startsWith("Invalid TAP topology configuration:\n  - tap.topology.owner: ");
                });
    }

    @Test
    void customPrefixIsUsedInPaths() {
        var spec = set(1, " ");
        assertThat(TopologyValidator.problems(spec, "x.topo")).containsExactly(
                "x.topo.owner: must not be empty (it is a required tag on every resource)");
        assertThatThrownBy(spec::validated).isInstanceOf(InvalidTopologyException.class);
    }

    @Test
    void defaultsApplyToOptionalSettings() {
        var spec = new TopologySpec(null, "o", "c", null, "us-east-1", null, null, null, null, null, " ");
        assertThat(spec.environment()).isEqualTo("PROD");
        assertThat(spec.project()).isEqualTo("TAP");
        assertThat(spec.compute()).isEqualTo(new TopologySpec.Compute("t3.medium", 2, 6, 2, 8080));
        assertThat(spec.database()).isEqualTo(new TopologySpec.Database("db.r6g.large", "16", 1, 100));
        assertThat(spec.database().parameterGroupFamily()).isEqualTo("postgres16");
        assertThat(new TopologySpec.Database(null, "15.7", null, null).parameterGroupFamily()).isEqualTo("postgres15");
        assertThat(spec.logRetentionDays()).isEqualTo(365);
        assertThat(spec.hostedZoneId()).as("blank means none").isNull();
        assertThat(new TopologySpec.Region("us-east-1", "10.0.0.0/16", null).availabilityZones()).isEqualTo(2);
        var withNullRegion = new TopologySpec(null, "o", "c", null, "us-east-1", null,
                new ArrayList<>(java.util.Arrays.asList((TopologySpec.Region) null)), null, null, null, null);
        assertThat(problems(withNullRegion)).contains("tap.topology.regions[0].name: must not be empty");
    }
}
