package io.tap.reconciler.topology;

import com.pulumi.aws.enums.Region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a {@link TopologySpec} before any resource is registered. Every problem becomes one
 * message that starts with the property path (kebab-case, as written in {@code application.yml}).
 */
public final class TopologyValidator {

    /** Where the spec is bound from in {@code application.yml}. */
    public static final String DEFAULT_PREFIX = "tap.topology";

    /** Regions of the standard {@code aws} partition: every ARN the program writes uses it. */
    static final Set<String> KNOWN_REGIONS = Arrays.stream(Region.values()).map(Region::getValue)
            .filter(r -> !r.startsWith("cn-") && !r.startsWith("us-gov-") && !r.contains("-iso"))
            .collect(Collectors.toCollection(TreeSet::new));

    static final int MIN_AZS = 2;
    static final int MAX_AZS = 6;

    /** CloudWatch Logs accepts only these retention periods. */
    static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,9}");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern DB_INSTANCE_CLASS = Pattern.compile("db\\.[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern HOSTED_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");
    private static final Pattern ENGINE_VERSION = Pattern.compile("\\d{2}(\\.\\d+)?");

    private TopologyValidator() {
    }

    /** Every problem of {@code spec}, in property order; empty when it is valid. */
    public static List<String> problems(TopologySpec spec, String prefix) {
        var p = new Problems(prefix);
        checkTags(spec, p);
        checkRegions(spec, p);
        checkCompute(spec.compute(), p);
        checkDatabase(spec.database(), p);
        if (!LOG_RETENTION_DAYS.contains(spec.logRetentionDays())) {
            p.add("log-retention-days", spec.logRetentionDays() + " is not a CloudWatch Logs retention period "
                    + new TreeSet<>(LOG_RETENTION_DAYS));
        }
        return p.list;
    }

    private static void checkTags(TopologySpec spec, Problems p) {
        if (!ENVIRONMENT.matcher(spec.environment()).matches()) {
            p.add("environment", "'" + spec.environment() + "' must be 1-10 letters or digits, starting with a letter (it prefixes every name)");
        }
        tagValue("owner", spec.owner(), p);
        tagValue("cost-center", spec.costCenter(), p);
        tagValue("project", spec.project(), p);
        if (!DOMAIN.matcher(spec.domainName()).matches()) {
            p.add("domain-name", "'" + spec.domainName() + "' is not a lowercase DNS domain name");
        }
        if (spec.hostedZoneId() != null && !HOSTED_ZONE_ID.matcher(spec.hostedZoneId()).matches()) {
            p.add("hosted-zone-id", "'" + spec.hostedZoneId() + "' is not a Route 53 hosted zone id (Z followed by letters and digits)");
        }
    }

    private static void tagValue(String property, String value, Problems p) {
        if (value == null || value.isBlank()) {
            p.add(property, "must not be empty (it is a required tag on every resource)");
        } else if (!TAG_VALUE.matcher(value).matches()) {
            p.add(property, "'" + value + "' is not a valid AWS tag value (letters, digits, spaces and _.:/=+-@, at most 256)");
        }
    }

    private static void checkRegions(TopologySpec spec, Problems p) {
        List<TopologySpec.Region> regions = spec.regions();
        if (regions.isEmpty()) {
            p.add("regions", "must list at least one region");
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        Map<Integer, Cidr> cidrs = new HashMap<>();
        for (int i = 0; i < regions.size(); i++) {
            TopologySpec.Region r = regions.get(i);
            String at = "regions[" + i + "]";
            if (r.name() == null || r.name().isBlank()) {
                p.add(at + ".name", "must not be empty");
            } else if (!KNOWN_REGIONS.contains(r.name())) {
                p.add(at + ".name", "unknown region '" + r.name() + "' (known: " + String.join(", ", KNOWN_REGIONS) + ")");
            } else if (firstIndex.containsKey(r.name())) {
                p.add(at + ".name", "duplicate region '" + r.name() + "', already at "
                        + p.path("regions[" + firstIndex.get(r.name()) + "].name"));
            } else {
                firstIndex.put(r.name(), i);
            }
            Cidr cidr = checkCidr(r.vpcCidr(), at + ".vpc-cidr", p);
            if (cidr != null) {
                for (var other : cidrs.entrySet()) {
                    if (other.getValue().overlaps(cidr)) {
                        p.add(at + ".vpc-cidr", cidr + " overlaps " + p.path("regions[" + other.getKey() + "].vpc-cidr")
                                + " (" + other.getValue() + "); peered VPCs need disjoint blocks");
                    }
                }
                cidrs.put(i, cidr);
            }
            if (r.availabilityZones() < MIN_AZS || r.availabilityZones() > MAX_AZS) {
                p.add(at + ".availability-zones", r.availabilityZones() + " is outside " + MIN_AZS + ".." + MAX_AZS
                        + " (Multi-AZ RDS, the ALB and one NAT per AZ need at least 2)");
            }
        }
        if (spec.primaryRegion() == null || spec.primaryRegion().isBlank()) {
            p.add("primary-region", "must not be empty");
        } else if (!firstIndex.containsKey(spec.primaryRegion())) {
            p.add("primary-region", "'" + spec.primaryRegion() + "' is not one of " + p.path("regions") + " "
                    + regions.stream().map(TopologySpec.Region::name).toList());
        }
    }

    private static Cidr checkCidr(String value, String property, Problems p) {
        if (value == null || value.isBlank()) {
            p.add(property, "must not be empty");
            return null;
        }
        Cidr cidr = Cidr.parse(value);
        if (cidr == null) {
            p.add(property, "'" + value + "' is not an IPv4 CIDR block (a.b.c.d/n)");
        } else if (cidr.prefix() < 16 || cidr.prefix() > 24) {
            p.add(property, value + " must have a prefix between /16 and /24 (AWS allows /16../28 and each AZ needs two /prefix+4 subnets)");
        } else if (!cidr.isNetworkAddress()) {
            p.add(property, value + " has host bits set; did you mean " + cidr.network() + "?");
        } else if (!cidr.isPrivate()) {
            p.add(property, value + " is not in a private (RFC 1918) range");
        } else {
            return cidr;
        }
        return null;
    }

    private static void checkCompute(TopologySpec.Compute c, Problems p) {
        if (!INSTANCE_TYPE.matcher(c.instanceType()).matches()) {
            p.add("compute.instance-type", "'" + c.instanceType() + "' is not an EC2 instance type (e.g. t3.medium)");
        }
        if (c.min() < 1) {
            p.add("compute.min", c.min() + " must be at least 1");
        }
        if (c.max() < 1) {
            p.add("compute.max", c.max() + " must be at least 1");
        }
        if (c.min() > c.max()) {
            p.add("compute.min", c.min() + " is greater than " + p.path("compute.max") + " (" + c.max() + ")");
        }
        if (c.desired() < c.min() || c.desired() > c.max()) {
            p.add("compute.desired", c.desired() + " is outside " + p.path("compute.min") + ".." + p.path("compute.max")
                    + " (" + c.min() + ".." + c.max() + ")");
        }
        if (c.appPort() < 1024 || c.appPort() > 65535) {
            p.add("compute.app-port", c.appPort() + " must be an unprivileged port (1024..65535)");
        }
    }

    private static void checkDatabase(TopologySpec.Database d, Problems p) {
        if (!DB_INSTANCE_CLASS.matcher(d.instanceClass()).matches()) {
            p.add("database.instance-class", "'" + d.instanceClass() + "' is not an RDS instance class (e.g. db.r6g.large)");
        }
        if (!ENGINE_VERSION.matcher(d.engineVersion()).matches()) {
            p.add("database.engine-version", "'" + d.engineVersion() + "' is not a PostgreSQL version (e.g. 16 or 16.4)");
        }
        if (d.replicasPerRegion() < 1 || d.replicasPerRegion() > 5) {
            p.add("database.replicas-per-region", d.replicasPerRegion() + " is outside 1..5");
        }
        if (d.allocatedStorage() < 20 || d.allocatedStorage() > 65536) {
            p.add("database.allocated-storage", d.allocatedStorage() + " GiB is outside 20..65536");
        }
    }

    private static final class Problems {
        private final String prefix;
        private final List<String> list = new ArrayList<>();

        Problems(String prefix) {
            this.prefix = prefix;
        }

        String path(String property) {
            return prefix + "." + property;
        }

        void add(String property, String message) {
            list.add(path(property) + ": " + message);
        }
    }

    /** An IPv4 CIDR block. */
    record Cidr(long address, int prefix) {

        static Cidr parse(String text) {
            var m = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})").matcher(text.trim());
            if (!m.matches()) {
                return null;
            }
            long a = 0;
            for (int i = 1; i <= 4; i++) {
                int octet = Integer.parseInt(m.group(i));
                if (octet > 255) {
                    return null;
                }
                a = (a << 8) | octet;
            }
            int prefix = Integer.parseInt(m.group(5));
            return prefix > 32 ? null : new Cidr(a, prefix);
        }

        long mask() {
            return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        }

        boolean isNetworkAddress() {
            return (address & ~mask() & 0xFFFFFFFFL) == 0;
        }

        Cidr network() {
            return new Cidr(address & mask(), prefix);
        }

        boolean overlaps(Cidr o) {
            long m = Math.min(prefix, o.prefix) == prefix ? mask() : o.mask();
            return (address & m) == (o.address & m);
        }

        boolean isPrivate() {
            return within("10.0.0.0/8") || within("172.16.0.0/12") || within("192.168.0.0/16");
        }

        private boolean within(String block) {
            Cidr b = parse(block);
            return prefix >= b.prefix && (address & b.mask()) == b.address;
        }

        @Override
        public String toString() {
            return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "."
                    + (address & 255) + "/" + prefix;
        }
    }
}
