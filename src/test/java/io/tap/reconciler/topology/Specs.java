package io.tap.reconciler.topology;

import java.util.List;

/** Topology specs for tests: the default three-region estate of {@code application.yml}, and variations. */
final class Specs {

    static final List<String> ALL_REGIONS = List.of("us-east-1", "us-west-2", "ap-south-1", "eu-west-1", "eu-central-1",
            "ap-southeast-2");

    private Specs() {
    }

    static TopologySpec threeRegions() {
        return new TopologySpec("PROD", "platform-team", "CC-1042", "TAP", "us-east-1", null, List.of(
                new TopologySpec.Region("us-east-1", "10.10.0.0/16", 3),
                new TopologySpec.Region("us-west-2", "10.20.0.0/16", 3),
                new TopologySpec.Region("ap-south-1", "10.30.0.0/16", 2)),
                new TopologySpec.Compute("t3.medium", 2, 6, null, null),
                new TopologySpec.Database("db.r6g.large", "16", 1, null), null, null);
    }

    /** One region with a Route 53 zone, so certificates are validated by the program. */
    static TopologySpec oneRegionWithHostedZone() {
        var one = regions(1);
        return new TopologySpec(one.environment(), one.owner(), one.costCenter(), one.project(), one.primaryRegion(),
                "shop.example.org", one.regions(), one.compute(), one.database(), 30, "Z0123456789ABCDEFGHIJ");
    }

    /** {@code n} regions from {@link #ALL_REGIONS}, 2 AZs each, {@code 10.(10n).0.0/16}. */
    static TopologySpec regions(int n) {
        var regions = new java.util.ArrayList<TopologySpec.Region>();
        for (int i = 0; i < n; i++) {
            regions.add(new TopologySpec.Region(ALL_REGIONS.get(i), "10." + (10 * (i + 1)) + ".0.0/16", 2));
        }
        return new TopologySpec("PROD", "platform-team", "CC-1042", "TAP", ALL_REGIONS.get(0), null, regions,
                null, null, null, null);
    }
}
