package io.tap.reconciler.compliance;

import io.tap.reconciler.drift.ManagedResource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps an AWS Config resource (type + id, as {@code EvaluationResultQualifier} reports it) to the stack's
 * managed resource, by the physical id or the ARN recorded in the stack's state.
 *
 * <p>What Config reports as the resource id differs by type, so three keys are indexed:
 * <ul>
 *   <li>the Pulumi id: S3 bucket name, {@code sg-…}, {@code vpc-…}, {@code subnet-…}, {@code i-…}, KMS key id,
 *       DynamoDB table name, Lambda function name, and for RDS instances the {@code db-…} DbiResourceId,
 *       which is the id pulumi-aws 6 records (the identifier is only in the ARN);</li>
 *   <li>the ARN: Config uses it as the id of ELBv2 load balancers and listeners, SNS topics, Secrets
 *       Manager secrets and Auto Scaling groups;</li>
 *   <li>the last segment of the ARN (the name), only when Config's id is not itself an ARN and the ARN is
 *       global or in the finding's region, e.g. an RDS instance reported by identifier, or a trail by name.</li>
 * </ul>
 * When the Config type is known, only the matching Pulumi types qualify (an S3 bucket name is also the id
 * of its versioning, encryption and public-access-block resources; the bucket itself is chosen).
 *
 * <p>Known gaps: IAM roles, users and policies are reported by their unique id ({@code AROA…}, {@code AIDA…},
 * {@code ANPA…}), which is neither the Pulumi id (the name) nor in the ARN, so they are reported as
 * unmanaged. They are never touched either way.
 */
final class ResourceMapper {

    /** AWS Config resource type → Pulumi types, most specific (the one to target) first. */
    static final Map<String, List<String>> PULUMI_TYPES = Map.ofEntries(
            Map.entry("AWS::S3::Bucket", List.of("aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket")),
            Map.entry("AWS::EC2::SecurityGroup", List.of("aws:ec2/securityGroup:SecurityGroup")),
            Map.entry("AWS::EC2::VPC", List.of("aws:ec2/vpc:Vpc")),
            Map.entry("AWS::EC2::Subnet", List.of("aws:ec2/subnet:Subnet")),
            Map.entry("AWS::EC2::Instance", List.of("aws:ec2/instance:Instance")),
            Map.entry("AWS::EC2::Volume", List.of("aws:ebs/volume:Volume")),
            Map.entry("AWS::EC2::EIP", List.of("aws:ec2/eip:Eip")),
            Map.entry("AWS::EC2::InternetGateway", List.of("aws:ec2/internetGateway:InternetGateway")),
            Map.entry("AWS::EC2::NatGateway", List.of("aws:ec2/natGateway:NatGateway")),
            Map.entry("AWS::EC2::RouteTable", List.of("aws:ec2/routeTable:RouteTable")),
            Map.entry("AWS::EC2::NetworkAcl", List.of("aws:ec2/networkAcl:NetworkAcl")),
            Map.entry("AWS::EC2::VPCPeeringConnection", List.of("aws:ec2/vpcPeeringConnection:VpcPeeringConnection")),
            Map.entry("AWS::EC2::LaunchTemplate", List.of("aws:ec2/launchTemplate:LaunchTemplate")),
            Map.entry("AWS::EC2::FlowLog", List.of("aws:ec2/flowLog:FlowLog")),
            Map.entry("AWS::RDS::DBInstance", List.of("aws:rds/instance:Instance")),
            Map.entry("AWS::RDS::DBCluster", List.of("aws:rds/cluster:Cluster")),
            Map.entry("AWS::RDS::DBSubnetGroup", List.of("aws:rds/subnetGroup:SubnetGroup")),
            Map.entry("AWS::DynamoDB::Table", List.of("aws:dynamodb/table:Table")),
            Map.entry("AWS::KMS::Key", List.of("aws:kms/key:Key")),
            Map.entry("AWS::Lambda::Function", List.of("aws:lambda/function:Function")),
            Map.entry("AWS::IAM::Role", List.of("aws:iam/role:Role")),
            Map.entry("AWS::IAM::Policy", List.of("aws:iam/policy:Policy")),
            Map.entry("AWS::IAM::User", List.of("aws:iam/user:User")),
            Map.entry("AWS::ElasticLoadBalancingV2::LoadBalancer",
                    List.of("aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer")),
            Map.entry("AWS::ElasticLoadBalancingV2::Listener",
                    List.of("aws:lb/listener:Listener", "aws:alb/listener:Listener")),
            Map.entry("AWS::AutoScaling::AutoScalingGroup", List.of("aws:autoscaling/group:Group")),
            Map.entry("AWS::CloudTrail::Trail", List.of("aws:cloudtrail/trail:Trail")),
            Map.entry("AWS::CloudWatch::Alarm", List.of("aws:cloudwatch/metricAlarm:MetricAlarm")),
            Map.entry("AWS::SNS::Topic", List.of("aws:sns/topic:Topic")),
            Map.entry("AWS::SecretsManager::Secret", List.of("aws:secretsmanager/secret:Secret")),
            Map.entry("AWS::WAFv2::WebACL", List.of("aws:wafv2/webAcl:WebAcl")));

    private record Entry(ManagedResource resource, String arnRegion) {
    }

    private final Map<String, List<Entry>> byId = new HashMap<>();
    private final Map<String, List<Entry>> byArn = new HashMap<>();
    private final Map<String, List<Entry>> byArnName = new HashMap<>();

    ResourceMapper(List<ManagedResource> managed) {
        for (ManagedResource r : managed) {
            Arn arn = Arn.parse(r.arn()).or(() -> Arn.parse(r.id())).orElse(null);
            Entry e = new Entry(r, arn == null ? null : arn.region());
            if (r.id() != null && !r.id().isBlank()) add(byId, r.id(), e);
            if (r.arn() != null && !r.arn().isBlank()) add(byArn, r.arn(), e);
            if (arn != null && !arn.name().isEmpty()) add(byArnName, arn.name(), e);
        }
    }

    /** The managed resource Config's (type, id) in {@code region} refers to, if the stack manages it. */
    Optional<ManagedResource> find(String region, String configType, String configId) {
        if (configId == null || configId.isBlank()) return Optional.empty();
        Set<Entry> candidates = new LinkedHashSet<>();
        candidates.addAll(byId.getOrDefault(configId, List.of()));
        candidates.addAll(byArn.getOrDefault(configId, List.of()));
        if (candidates.isEmpty() && !configId.startsWith("arn:")) {
            candidates.addAll(byArnName.getOrDefault(configId, List.of()));
        }
        List<String> expected = PULUMI_TYPES.get(configType);
        List<Entry> fitting = new ArrayList<>();
        for (Entry e : candidates) {
            boolean regionFits = e.arnRegion() == null || e.arnRegion().isEmpty() || e.arnRegion().equals(region);
            boolean typeFits = expected == null || expected.contains(e.resource().type());
            if (regionFits && typeFits) fitting.add(e);
        }
        Comparator<Entry> byPreference = Comparator.comparingInt(
                (Entry e) -> expected == null ? 0 : expected.indexOf(e.resource().type()))
                .thenComparing(e -> e.resource().urn());
        return fitting.stream().min(byPreference).map(Entry::resource);
    }

    private static void add(Map<String, List<Entry>> index, String key, Entry e) {
        index.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }

    /** The parts of an ARN this mapping needs: {@code arn:partition:service:region:account:resource}. */
    record Arn(String service, String region, String name) {

        static Optional<Arn> parse(String value) {
            if (value == null || !value.startsWith("arn:")) return Optional.empty();
            String[] parts = value.split(":", 6);
            if (parts.length < 6) return Optional.empty();
            String resource = parts[5];
            int slash = resource.lastIndexOf('/');
            String name = slash >= 0 ? resource.substring(slash + 1) : resource.substring(resource.lastIndexOf(':') + 1);
            return Optional.of(new Arn(parts[2], parts[3], name));
        }
    }
}
