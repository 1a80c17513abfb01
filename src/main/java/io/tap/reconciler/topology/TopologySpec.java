package io.tap.reconciler.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The desired TAP estate, as configured under {@code tap.topology}. Values are kept exactly as
 * configured (nulls included) so that {@link TopologyValidator} can name every problem; optional
 * settings get their defaults here. Call {@link #validated()} before building anything from it.
 *
 * @param environment   environment tag and name prefix (e.g. {@code PROD})
 * @param owner         {@code Owner} tag
 * @param costCenter    {@code CostCenter} tag
 * @param project       {@code Project} tag
 * @param primaryRegion region holding the replication source bucket, the multi-region trail and global records
 * @param domainName    apex domain; each region's ALB certificate is for {@code <region>.<domainName>}
 * @param regions       the regions to build, in order
 * @param compute       application tier sizing
 * @param database      PostgreSQL sizing
 * @param logRetentionDays retention of every CloudWatch log group
 * @param hostedZoneId  Route 53 public zone of {@code domainName}; when set, the program creates the
 *                      certificates' DNS validation records, otherwise an operator must create them
 */
public record TopologySpec(String environment, String owner, String costCenter, String project,
                           String primaryRegion, String domainName, List<Region> regions,
                           Compute compute, Database database, Integer logRetentionDays, String hostedZoneId) {

    public TopologySpec {
        environment = environment == null ? "PROD" : environment;
        project = project == null ? "TAP" : project;
        domainName = domainName == null ? "tap.example.com" : domainName;
        regions = regions == null ? List.of() : List.copyOf(regions.stream().map(r -> r == null ? new Region(null, null, null) : r).toList());
        compute = compute == null ? new Compute(null, null, null, null, null) : compute;
        database = database == null ? new Database(null, null, null, null) : database;
        logRetentionDays = logRetentionDays == null ? 365 : logRetentionDays;
        hostedZoneId = hostedZoneId == null || hostedZoneId.isBlank() ? null : hostedZoneId;
    }

    /**
     * One region of the estate ({@code tap.topology.regions[n]}).
     *
     * @param name              AWS region code, e.g. {@code us-east-1}
     * @param vpcCidr           the VPC's IPv4 block; must not overlap another region's (peering)
     * @param availabilityZones how many AZs get a public and a private subnet (2..6)
     */
    public record Region(String name, String vpcCidr, Integer availabilityZones) {
        public Region {
            availabilityZones = availabilityZones == null ? 2 : availabilityZones;
        }
    }

    /**
     * Application tier ({@code tap.topology.compute}).
     *
     * @param instanceType EC2 instance type
     * @param min          ASG minimum size
     * @param max          ASG maximum size
     * @param desired      ASG desired size; defaults to {@code min}
     * @param appPort      port the instances serve on behind the ALB
     */
    public record Compute(String instanceType, Integer min, Integer max, Integer desired, Integer appPort) {
        public Compute {
            instanceType = instanceType == null ? "t3.medium" : instanceType;
            min = min == null ? 2 : min;
            max = max == null ? 6 : max;
            desired = desired == null ? min : desired;
            appPort = appPort == null ? 8080 : appPort;
        }
    }

    /**
     * PostgreSQL tier ({@code tap.topology.database}).
     *
     * @param instanceClass     RDS instance class
     * @param engineVersion     PostgreSQL version; its major version picks the parameter group family
     * @param replicasPerRegion read replicas of each regional primary (≥ 1)
     * @param allocatedStorage  GiB of gp3 storage
     */
    public record Database(String instanceClass, String engineVersion, Integer replicasPerRegion, Integer allocatedStorage) {
        public Database {
            instanceClass = instanceClass == null ? "db.r6g.large" : instanceClass;
            engineVersion = engineVersion == null ? "16" : engineVersion;
            replicasPerRegion = replicasPerRegion == null ? 1 : replicasPerRegion;
            allocatedStorage = allocatedStorage == null ? 100 : allocatedStorage;
        }

        /** Parameter group family, e.g. {@code postgres16} for {@code 16.4}. */
        public String parameterGroupFamily() {
            return "postgres" + engineVersion.split("\\.")[0];
        }
    }

    /** The primary region's entry. Only meaningful on a validated spec. */
    public Region primary() {
        return region(primaryRegion).orElseThrow();
    }

    /** The entry for a region code, if configured. */
    public Optional<Region> region(String name) {
        return regions.stream().filter(r -> Objects.equals(r.name(), name)).findFirst();
    }

    /** This spec, if {@link TopologyValidator} finds no problem; otherwise an exception listing them all. */
    public TopologySpec validated() {
        return validated(TopologyValidator.DEFAULT_PREFIX);
    }

    /** As {@link #validated()}, naming properties under {@code prefix}. */
    public TopologySpec validated(String prefix) {
        List<String> problems = TopologyValidator.problems(this, prefix);
        if (!problems.isEmpty()) {
            throw new InvalidTopologyException(problems);
        }
        return this;
    }
}
