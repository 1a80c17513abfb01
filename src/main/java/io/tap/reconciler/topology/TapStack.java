package io.tap.reconciler.topology;

import com.pulumi.Context;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import io.tap.reconciler.topology.compute.ComputeBuilder;
import io.tap.reconciler.topology.compute.RegionCompute;
import io.tap.reconciler.topology.monitoring.MonitoringBuilder;
import io.tap.reconciler.topology.monitoring.RegionMonitoring;
import io.tap.reconciler.topology.naming.AwsService;
import io.tap.reconciler.topology.naming.ResourceNames;
import io.tap.reconciler.topology.naming.Tags;
import io.tap.reconciler.topology.networking.Network;
import io.tap.reconciler.topology.networking.NetworkBuilder;
import io.tap.reconciler.topology.networking.PeeringMesh;
import io.tap.reconciler.topology.security.RegionSecurity;
import io.tap.reconciler.topology.security.SecurityBuilder;
import io.tap.reconciler.topology.storage.RegionStorage;
import io.tap.reconciler.topology.storage.Replication;
import io.tap.reconciler.topology.storage.StorageBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The TAP topology as a Pulumi program: in every configured region, through that region's own
 * {@code aws.Provider} (with the required tags as {@code defaultTags}), a dual-stack network,
 * security (KMS, security groups, IAM, a rotated secret), storage (S3 with cross-region
 * replication, PostgreSQL with replicas, DynamoDB, EBS defaults), monitoring (logs, flow logs,
 * Config, alarms, CloudTrail, SNS) and compute (ASG behind a TLS-only ALB, automation Lambda);
 * and a full VPC-peering mesh between regions. Outputs follow {@link TapOutputs}.
 *
 * <p>Use {@link #program(TopologySpec)}; it validates the spec before any resource is registered.
 */
public final class TapStack {

    private final TopologySpec spec;
    private final Context ctx;
    private final ResourceNames names;
    private final Tags tags;
    private final Map<String, RegionScope> scopes = new LinkedHashMap<>();
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final Map<String, RegionSecurity> security = new LinkedHashMap<>();
    private final Map<String, RegionStorage> storage = new LinkedHashMap<>();
    private final Map<String, RegionMonitoring> monitoring = new LinkedHashMap<>();
    private final Map<String, RegionCompute> compute = new LinkedHashMap<>();
    private List<PeeringMesh.Peering> peerings = List.of();
    private Role replicationRole;

    private TapStack(TopologySpec spec, Context ctx) {
        this.spec = spec;
        this.ctx = ctx;
        this.names = new ResourceNames(spec.environment());
        this.tags = new Tags(spec.environment(), spec.owner(), spec.costCenter(), spec.project());
    }

    /**
     * The Pulumi program for {@code spec}. Validation happens here, before any resource exists.
     *
     * @throws InvalidTopologyException naming every problem of the spec
     */
    public static Consumer<Context> program(TopologySpec spec) {
        TopologySpec valid = spec.validated();
        return ctx -> new TapStack(valid, ctx).build();
    }

    private void build() {
        createProviders();
        createNetworking();
        createSecurityResources();
        createStorageResources();
        createMonitoring();
        createComputeResources();
        exportOutputs();
    }

    /** One explicit provider per region; the required tags become its default tags. */
    private void createProviders() {
        Output<String> account = null;
        for (TopologySpec.Region region : spec.regions()) {
            var provider = new Provider("aws-" + region.name(), ProviderArgs.builder()
                    .region(region.name())
                    .defaultTags(ProviderDefaultTagsArgs.builder().tags(tags.required()).build())
                    .build());
            if (account == null) {
                account = AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.builder().build(),
                        InvokeOptions.builder().provider(provider).build()).applyValue(r -> r.accountId());
            }
            scopes.put(region.name(), new RegionScope(spec, region, provider, names, tags, account));
        }
    }

    /** VPCs, subnets, gateways and routes in every region, then the peering mesh. */
    void createNetworking() {
        scopes.forEach((region, scope) -> networks.put(region, NetworkBuilder.build(scope)));
        peerings = PeeringMesh.build(List.copyOf(networks.values()));
    }

    /** KMS keys, security groups, IAM roles and the rotated secret in every region. */
    void createSecurityResources() {
        scopes.forEach((region, scope) -> security.put(region, SecurityBuilder.build(scope, networks.get(region))));
    }

    /** Buckets, databases, session tables and EBS defaults, then primary → others replication. */
    void createStorageResources() {
        RegionScope primary = scopes.get(spec.primaryRegion());
        replicationRole = Replication.role(primary);
        scopes.forEach((region, scope) -> storage.put(region,
                StorageBuilder.build(scope, networks.get(region), security.get(region), replicationRole)));
        var destinations = scopes.keySet().stream().filter(r -> !r.equals(spec.primaryRegion()))
                .map(this::site).toList();
        Replication.configure(site(spec.primaryRegion()), destinations, replicationRole);
    }

    private Replication.Site site(String region) {
        return new Replication.Site(scopes.get(region), storage.get(region), security.get(region));
    }

    /** Log groups, flow logs, AWS Config and alert topics everywhere; the trail and its alarms in the primary. */
    void createMonitoring() {
        RegionStorage primaryStorage = storage.get(spec.primaryRegion());
        Output<String> primaryKey = security.get(spec.primaryRegion()).key().key().arn();
        scopes.forEach((region, scope) -> monitoring.put(region, MonitoringBuilder.build(scope, networks.get(region),
                security.get(region), primaryStorage, primaryKey)));
    }

    /** Launch template, ASG, ALB with TLS listener and redirect, automation Lambda in every region. */
    void createComputeResources() {
        scopes.forEach((region, scope) -> compute.put(region, ComputeBuilder.build(scope, networks.get(region),
                security.get(region), storage.get(region), monitoring.get(region))));
    }

    /**
     * The tags of a resource of {@code service} called {@code identifier} in {@code region}: the
     * required four plus {@code Name}, the resource's physical name.
     */
    public Map<String, String> applyTags(AwsService service, String identifier, String region) {
        return tags.named(names.physical(service, identifier, region));
    }

    /** Exports the outputs of {@link TapOutputs}: estate-wide values, then one object per region. */
    void exportOutputs() {
        ctx.export(TapOutputs.PRIMARY_REGION, Output.of(spec.primaryRegion()));
        ctx.export(TapOutputs.REGIONS, Output.of(List.copyOf(scopes.keySet())));
        ctx.export(TapOutputs.AUDIT_BUCKET_NAME, storage.get(spec.primaryRegion()).audit().bucket().bucket());
        ctx.export(TapOutputs.REPLICATION_ROLE_ARN, replicationRole.arn());
        ctx.export(TapOutputs.PEERING_CONNECTION_IDS, outputMap(peerings.stream()
                .collect(java.util.stream.Collectors.toMap(PeeringMesh.Peering::pairName, p -> p.connection().id(),
                        (a, b) -> a, TreeMap::new))));
        for (String region : scopes.keySet()) {
            ctx.export(region, outputObject(regionOutputs(region)));
        }
    }

    private Map<String, Output<?>> regionOutputs(String region) {
        var net = networks.get(region);
        var sec = security.get(region);
        var sto = storage.get(region);
        var mon = monitoring.get(region);
        var cmp = compute.get(region);
        var out = new LinkedHashMap<String, Output<?>>();
        out.put(TapOutputs.VPC_ID, net.vpc().id());
        out.put(TapOutputs.VPC_CIDR, Output.of(net.cidr()));
        out.put(TapOutputs.VPC_IPV6_CIDR, net.vpc().ipv6CidrBlock());
        out.put(TapOutputs.PUBLIC_SUBNET_IDS, ids(net.publicSubnets()));
        out.put(TapOutputs.PRIVATE_SUBNET_IDS, ids(net.privateSubnets()));
        out.put(TapOutputs.PUBLIC_ROUTE_TABLE_ID, net.publicRouteTable().id());
        out.put(TapOutputs.PRIVATE_ROUTE_TABLE_IDS, ids(net.privateRouteTables()));
        out.put(TapOutputs.NAT_GATEWAY_IDS, ids(net.natGateways()));
        var peers = new TreeMap<String, Output<String>>();
        for (var p : peerings) {
            if (p.requester() == net) {
                peers.put(p.accepter().scope().name(), p.connection().id());
            } else if (p.accepter() == net) {
                peers.put(p.requester().scope().name(), p.connection().id());
            }
        }
        out.put(TapOutputs.PEERING_IDS, outputMap(peers));
        var g = sec.groups();
        out.put(TapOutputs.ALB_SECURITY_GROUP_ID, g.alb().id());
        out.put(TapOutputs.APP_SECURITY_GROUP_ID, g.app().id());
        out.put(TapOutputs.DB_SECURITY_GROUP_ID, g.db().id());
        out.put(TapOutputs.LAMBDA_SECURITY_GROUP_ID, g.lambda().id());
        out.put(TapOutputs.ROTATION_SECURITY_GROUP_ID, g.rotation().id());
        out.put(TapOutputs.ALB_ARN, cmp.loadBalancer().arn());
        out.put(TapOutputs.ALB_DNS_NAME, cmp.loadBalancer().dnsName());
        out.put(TapOutputs.TARGET_GROUP_ARN, cmp.targetGroup().arn());
        out.put(TapOutputs.HTTPS_LISTENER_ARN, cmp.https().arn());
        out.put(TapOutputs.CERTIFICATE_ARN, cmp.certificate().arn());
        out.put(TapOutputs.ASG_NAME, cmp.autoScalingGroup().name());
        out.put(TapOutputs.LAUNCH_TEMPLATE_ID, cmp.launchTemplate().id());
        out.put(TapOutputs.LAMBDA_FUNCTION_NAME, cmp.automation().name());
        out.put(TapOutputs.LAMBDA_ARN, cmp.automation().arn());
        out.put(TapOutputs.LAMBDA_ROLE_ARN, sec.automationRole().arn());
        out.put(TapOutputs.ROTATION_LAMBDA_NAME, sec.rotationFunction().name());
        out.put(TapOutputs.RDS_INSTANCE_ID, sto.database().identifier());
        out.put(TapOutputs.RDS_ENDPOINT, sto.database().endpoint());
        out.put(TapOutputs.RDS_REPLICA_IDS, Output.all(sto.replicas().stream().map(x -> x.identifier()).toList()));
        out.put(TapOutputs.RDS_REPLICA_ENDPOINTS, Output.all(sto.replicas().stream().map(x -> x.endpoint()).toList()));
        out.put(TapOutputs.DB_SECRET_ARN, sto.database().masterUserSecrets()
                .applyValue(l -> l == null || l.isEmpty() ? null : l.get(0).secretArn().orElse(null)));
        out.put(TapOutputs.DATA_BUCKET_NAME, sto.data().bucket().bucket());
        out.put(TapOutputs.DATA_BUCKET_ARN, sto.data().bucket().arn());
        out.put(TapOutputs.SESSIONS_TABLE_NAME, sto.sessionTable().name());
        out.put(TapOutputs.KMS_KEY_ARN, sec.key().key().arn());
        out.put(TapOutputs.KMS_ALIAS, sec.key().alias().name());
        out.put(TapOutputs.APP_SECRET_ARN, sec.secret().arn());
        out.put(TapOutputs.ALERTS_TOPIC_ARN, mon.alertTopic().arn());
        out.put(TapOutputs.APP_LOG_GROUP_NAME, mon.appLogGroup().name());
        out.put(TapOutputs.FLOW_LOG_GROUP_NAME, mon.flowLogGroup().name());
        out.put(TapOutputs.FLOW_LOG_ID, mon.flowLog().id());
        out.put(TapOutputs.APP_ROLE_ARN, sec.appRole().arn());
        out.put(TapOutputs.CONFIG_RECORDER_NAME, mon.recorder().name());
        var rules = new TreeMap<String, Output<String>>();
        mon.configRules().forEach((rule, r) -> rules.put(rule, r.name()));
        out.put(TapOutputs.CONFIG_RULE_NAMES, outputMap(rules));
        var alarms = new java.util.ArrayList<Output<String>>();
        mon.alarms().forEach(a -> alarms.add(a.name()));
        cmp.alarms().forEach(a -> alarms.add(a.name()));
        out.put(TapOutputs.ALARM_NAMES, Output.all(alarms));
        if (mon.trail() != null) {
            out.put(TapOutputs.CLOUDTRAIL_NAME, mon.trail().name());
            out.put(TapOutputs.CLOUDTRAIL_ARN, mon.trail().arn());
        }
        return out;
    }

    private static Output<List<String>> ids(List<? extends com.pulumi.resources.CustomResource> resources) {
        return Output.all(resources.stream().map(com.pulumi.resources.CustomResource::id).toList());
    }

    @SuppressWarnings("unchecked")
    private static Output<Map<String, Object>> outputObject(Map<String, Output<?>> values) {
        var keys = List.copyOf(values.keySet());
        List<Output<Object>> outputs = keys.stream().map(k -> (Output<Object>) values.get(k)).toList();
        return Output.all(outputs).applyValue(list -> {
            var result = new LinkedHashMap<String, Object>();
            for (int i = 0; i < keys.size(); i++) {
                result.put(keys.get(i), list.get(i));
            }
            return result;
        });
    }

    private static Output<Map<String, String>> outputMap(Map<String, Output<String>> map) {
        var keys = List.copyOf(map.keySet());
        return Output.all(keys.stream().map(map::get).toList()).applyValue(values -> {
            var result = new LinkedHashMap<String, String>();
            for (int i = 0; i < keys.size(); i++) {
                result.put(keys.get(i), values.get(i));
            }
            return result;
        });
    }
}
