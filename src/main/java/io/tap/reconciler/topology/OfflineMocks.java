package io.tap.reconciler.topology;

import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pulumi mocks that stand in for AWS when the program runs offline (the render command, tests,
 * the benchmark). Every registration is recorded with its inputs and region. Each resource's
 * state is its inputs plus what AWS would compute and the program reads back: deterministic ids,
 * ARNs, the VPC's IPv6 block, endpoints and DNS names, the RDS-managed secret. The account is
 * {@link #ACCOUNT}.
 */
public final class OfflineMocks implements Mocks {

    /** The account every mock ARN uses. */
    public static final String ACCOUNT = "123456789012";
    static final String PROVIDER_TYPE = "pulumi:providers:aws";
    static final String CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity";

    /**
     * One registered resource.
     *
     * @param type     Pulumi type token, e.g. {@code aws:ec2/vpc:Vpc}
     * @param name     logical name
     * @param inputs   the inputs as the engine would receive them
     * @param region   the region of its provider (for a provider: its own region)
     * @param provider logical name of its provider, {@code null} for providers
     */
    public record Registration(String type, String name, Map<String, Object> inputs, String region, String provider) {

        /** The resource's AWS name: {@code identifier}, {@code bucket}, {@code name} or the {@code Name} tag. */
        public String physicalName() {
            for (String key : List.of("identifier", "bucket", "name")) {
                if (inputs.get(key) instanceof String s) {
                    return s;
                }
            }
            return tags().get("Name");
        }

        /** Explicit tags ({@code tags} map, or an ASG's tag list, or a provider's default tags). */
        @SuppressWarnings("unchecked")
        public Map<String, String> tags() {
            Object tags = inputs.get("tags");
            if (type.equals(PROVIDER_TYPE)) {
                Object defaults = inputs.get("defaultTags");
                if (defaults instanceof String json) {
                    return ProviderTags.parse(json);
                }
                if (defaults instanceof Map<?, ?> m && m.get("tags") instanceof Map<?, ?> t) {
                    return (Map<String, String>) t;
                }
                return Map.of();
            }
            if (tags instanceof Map<?, ?> m) {
                return (Map<String, String>) m;
            }
            if (tags instanceof List<?> list) {
                var result = new LinkedHashMap<String, String>();
                for (Object o : list) {
                    if (o instanceof Map<?, ?> t) {
                        result.put(String.valueOf(t.get("key")), String.valueOf(t.get("value")));
                    }
                }
                return result;
            }
            return Map.of();
        }
    }

    private final List<Registration> registrations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> providerRegions = new ConcurrentHashMap<>();

    /** Everything registered so far, in registration order. */
    public List<Registration> registrations() {
        synchronized (registrations) {
            return List.copyOf(registrations);
        }
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        Map<String, Object> inputs = args.inputs == null ? Map.of() : args.inputs;
        String providerName = providerName(args.provider);
        String region;
        if (PROVIDER_TYPE.equals(args.type)) {
            region = String.valueOf(inputs.get("region"));
            providerRegions.put(args.name, region);
        } else {
            region = providerName == null ? null : providerRegions.get(providerName);
        }
        var registration = new Registration(args.type, args.name, inputs, region, providerName);
        registrations.add(registration);

        var state = new LinkedHashMap<String, Object>(inputs);
        String id = id(args.type, args.name, registration.physicalName());
        computed(args.type, registration, id, region == null ? "" : region, state);
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (CALLER_IDENTITY.equals(args.token)) {
            return CompletableFuture.completedFuture(Map.of("accountId", ACCOUNT, "id", ACCOUNT,
                    "arn", "arn:aws:iam::" + ACCOUNT + ":user/offline-render", "userId", "AIDAOFFLINERENDER"));
        }
        // An invoke the program starts using must get an explicit offline answer here, not a silent empty result.
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no offline answer for invoke " + args.token));
    }

    private static String providerName(String providerRef) {
        if (providerRef == null || providerRef.isEmpty()) {
            return null;
        }
        String[] parts = providerRef.split("::");
        return parts.length >= 4 ? parts[3] : providerRef;
    }

    private static final Map<String, String> ID_PREFIXES = Map.ofEntries(
            Map.entry("aws:ec2/vpc:Vpc", "vpc-"), Map.entry("aws:ec2/subnet:Subnet", "subnet-"),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", "sg-"), Map.entry("aws:ec2/internetGateway:InternetGateway", "igw-"),
            Map.entry("aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", "eigw-"),
            Map.entry("aws:ec2/natGateway:NatGateway", "nat-"), Map.entry("aws:ec2/routeTable:RouteTable", "rtb-"),
            Map.entry("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "pcx-"), Map.entry("aws:ec2/eip:Eip", "eipalloc-"),
            Map.entry("aws:ec2/launchTemplate:LaunchTemplate", "lt-"), Map.entry("aws:ec2/flowLog:FlowLog", "fl-"),
            Map.entry("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "sgr-"),
            Map.entry("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "sgr-"));

    private static String id(String type, String name, String physical) {
        String prefix = ID_PREFIXES.get(type);
        if (prefix != null) {
            return prefix + hash(name, 17);
        }
        if ("aws:kms/key:Key".equals(type)) {
            String h = hash(name, 32);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20, 32);
        }
        if ("aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter".equals(type)) {
            return "pcx-accept-" + hash(name, 12);
        }
        return physical != null ? physical : name + "-" + hash(name, 8);
    }

    private static void computed(String type, Registration r, String id, String region, Map<String, Object> state) {
        if (PROVIDER_TYPE.equals(type)) {
            return;
        }
        String physical = r.physicalName() != null ? r.physicalName() : r.name();
        String[] token = type.split(":");
        String module = token.length > 1 ? token[1].split("/")[0] : "";
        String service = switch (module) {
            case "cloudwatch" -> type.contains("logGroup") ? "logs" : type.contains("event") ? "events" : "cloudwatch";
            case "lb" -> "elasticloadbalancing";
            case "cfg" -> "config";
            case "vpc" -> "ec2";
            default -> module;
        };
        String arn = switch (type) {
            case "aws:s3/bucketV2:BucketV2" -> "arn:aws:s3:::" + physical;
            case "aws:iam/role:Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + physical;
            case "aws:iam/instanceProfile:InstanceProfile" -> "arn:aws:iam::" + ACCOUNT + ":instance-profile/" + physical;
            case "aws:kms/key:Key" -> "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + id;
            case "aws:cloudwatch/logGroup:LogGroup" -> "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:" + physical;
            case "aws:sns/topic:Topic" -> "arn:aws:sns:" + region + ":" + ACCOUNT + ":" + physical;
            case "aws:lambda/function:Function" -> "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + physical;
            case "aws:secretsmanager/secret:Secret" -> "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + physical + "-" + hash(physical, 6);
            case "aws:rds/instance:Instance" -> "arn:aws:rds:" + region + ":" + ACCOUNT + ":db:" + physical;
            case "aws:ec2/subnet:Subnet", "aws:ec2/vpc:Vpc", "aws:ec2/securityGroup:SecurityGroup" ->
                    "arn:aws:ec2:" + region + ":" + ACCOUNT + ":" + id.substring(0, id.indexOf('-')) .replace("sg", "security-group") + "/" + id;
            default -> "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + (token.length > 1 && token[1].contains("/") ? token[1].split("/")[1] : "resource") + "/" + physical;
        };
        state.putIfAbsent("arn", arn);
        switch (type) {
            case "aws:ec2/vpc:Vpc" -> {
                String h = hash(r.name(), 6);
                state.put("ipv6CidrBlock", "2600:1f1" + (Character.digit(h.charAt(0), 16) % 10) + ":" + h.substring(1, 5) + ":" + h.substring(5, 6) + "00::/56");
            }
            case "aws:kms/key:Key" -> state.put("keyId", id);
            case "aws:s3/bucketV2:BucketV2" -> state.put("bucketRegionalDomainName", physical + ".s3." + region + ".amazonaws.com");
            case "aws:rds/instance:Instance" -> {
                String host = physical + ".c" + hash(region, 11) + "." + region + ".rds.amazonaws.com";
                state.put("address", host);
                state.put("endpoint", host + ":5432");
                if (Boolean.TRUE.equals(r.inputs().get("manageMasterUserPassword"))) {
                    state.put("masterUserSecrets", List.of(Map.of(
                            "secretArn", "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:rds!db-" + hash(physical, 8) + "-AbCdEf",
                            "secretStatus", "active",
                            "kmsKeyId", String.valueOf(r.inputs().get("masterUserSecretKmsKeyId")))));
                }
            }
            case "aws:lb/loadBalancer:LoadBalancer" -> {
                state.put("dnsName", "dualstack." + physical + "-" + hash(physical, 8) + "." + region + ".elb.amazonaws.com");
                state.put("arnSuffix", "app/" + physical + "/" + hash(physical, 16));
            }
            case "aws:acm/certificate:Certificate" -> state.put("domainValidationOptions", List.of(Map.of(
                    "domainName", String.valueOf(r.inputs().get("domainName")),
                    "resourceRecordName", "_" + hash(r.name(), 32) + "." + r.inputs().get("domainName") + ".",
                    "resourceRecordType", "CNAME",
                    "resourceRecordValue", "_" + hash(r.name() + "value", 32) + ".acm-validations.aws.")));
            case "aws:route53/record:Record" -> state.put("fqdn", String.valueOf(r.inputs().get("name")).replaceAll("\\.$", ""));
            case "aws:lb/targetGroup:TargetGroup" -> state.put("arnSuffix", "targetgroup/" + physical + "/" + hash(physical, 16));
            case "aws:lambda/function:Function" -> state.put("invokeArn",
                    "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + arn + "/invocations");
            default -> {
            }
        }
    }

    static String hash(String text, int length) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a provider's {@code defaultTags} input, which the engine receives as JSON. */
    static final class ProviderTags {
        private ProviderTags() {
        }

        static Map<String, String> parse(String json) {
            var result = new LinkedHashMap<String, String>();
            var m = java.util.regex.Pattern.compile("\"([^\"]+)\":\"([^\"]*)\"").matcher(json);
            while (m.find()) {
                result.put(m.group(1), m.group(2));
            }
            return result;
        }
    }
}
