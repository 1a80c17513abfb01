package io.tap.reconciler.validation;

import io.tap.reconciler.support.aws.MotoServer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.TrafficType;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IpAddressType;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.Parameter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Arranges TAP estate pieces in moto through the SDK, region by region, and collects the stack
 * outputs the checks read (the {@link OutputKeys} scheme). Each piece is a method, so a check's test
 * arranges only what the check inspects; {@link #arrangeAll()} builds a whole multi-region estate.
 * Every name is unique, so tests and other JVMs may share the moto server.
 */
public final class MotoEstate implements AutoCloseable {

    /** AWS Config managed rules the estate declares (the default expectation of the check). */
    public static final List<String> CONFIG_RULES = List.of("S3_BUCKET_SSL_REQUESTS_ONLY", "ENCRYPTED_VOLUMES",
            "RDS_STORAGE_ENCRYPTED", "INCOMING_SSH_DISABLED", "CLOUD_TRAIL_ENABLED", "VPC_FLOW_LOGS_ENABLED");
    static final String AMI = "ami-12c6146b";

    private final MotoServer moto;
    private final String primary;
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final String id = MotoServer.uniqueName("tap").substring(4, 14);

    /** An estate whose replication source is {@code primaryRegion}; add regions with {@link #region}. */
    public MotoEstate(MotoServer moto, String primaryRegion) {
        this.moto = moto;
        this.primary = primaryRegion;
    }

    /** Adds (or returns) a region with the given VPC CIDR. */
    public Region region(String name, String cidr) {
        return regions.computeIfAbsent(name, n -> new Region(n, cidr));
    }

    public Region region(String name) {
        return regions.get(name);
    }

    /** The outputs as the topology would export them. */
    public StackOutputs outputs() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(OutputKeys.PRIMARY_REGION, primary);
        regions.forEach((name, r) -> values.put(name, new LinkedHashMap<>(r.outputs)));
        return new StackOutputs(values);
    }

    /** Everything in every region, then peering and replication across them, then the trail. */
    public MotoEstate arrangeAll() {
        regions.values().forEach(Region::arrangeAll);
        peerAll();
        replicateFromPrimary();
        regions.get(primary).trail();
        return this;
    }

    /** Peering between every pair of regions, accepted, with routes both ways in the private tables. */
    public MotoEstate peerAll() {
        List<Region> list = new ArrayList<>(regions.values());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                list.get(i).peerWith(list.get(j), true);
            }
        }
        return this;
    }

    /** Enabled replication rules from the primary data bucket to every other region's. */
    public MotoEstate replicateFromPrimary() {
        Region source = regions.get(primary);
        List<String> targets = regions.values().stream().filter(r -> r != source).map(r -> r.bucket).toList();
        source.s3().putBucketReplication(r -> r.bucket(source.bucket).replicationConfiguration(c -> c
                .role("arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":role/PROD-role-replication-" + id)
                .rules(targets.stream().map(t -> software.amazon.awssdk.services.s3.model.ReplicationRule.builder()
                        .id("to-" + t).status(ReplicationRuleStatus.ENABLED).priority(targets.indexOf(t) + 1)
                        .filter(f -> f.prefix(""))
                        .deleteMarkerReplication(d -> d.status("Enabled"))
                        .destination(d -> d.bucket("arn:aws:s3:::" + t)).build()).toList())));
        return this;
    }

    /** Has the stub report every region's read replica as replicating (moto does not report it). */
    public void replicating(RdsReplicationStub stub) {
        regions.values().forEach(r -> stub.replica(r.replicaId, r.dbId, r.parameterGroup, "replicating"));
    }

    @SuppressWarnings("unchecked")
    <C extends SdkClient> C client(String key, Supplier<C> factory) {
        return (C) clients.computeIfAbsent(key, k -> factory.get());
    }

    <B extends AwsClientBuilder<B, C>, C extends SdkClient> C build(B builder, String region) {
        return moto.configure(builder, region).build();
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
    }

    /** One region's pieces; each method arranges a passing piece and records its outputs. */
    public final class Region {
        final String name;
        final String cidr;
        final Map<String, Object> outputs = new LinkedHashMap<>();
        String vpcId;
        String ipv6Block;
        final List<String> publicSubnets = new ArrayList<>();
        final List<String> privateSubnets = new ArrayList<>();
        final List<String> zones = new ArrayList<>();
        String privateRouteTable;
        String albSg;
        String appSg;
        String dbSg;
        String lambdaSg;
        String albArn;
        String targetGroupArn;
        final List<String> instances = new ArrayList<>();
        String dbId;
        String replicaId;
        String parameterGroup;
        String bucket;
        String table;
        String secretArn;
        String topicArn;
        String alarm;
        String asg;
        String function;
        String roleArn;
        String trail;

        Region(String name, String cidr) {
            this.name = name;
            this.cidr = cidr;
        }

        public String name() {
            return name;
        }

        /** Every regional piece (no peering, replication or trail: those span regions). */
        public Region arrangeAll() {
            network();
            natGateway();
            flowLogs();
            securityGroups();
            loadBalancer();
            database();
            bucket();
            table();
            secret();
            configRecorder();
            alarms();
            autoScalingGroup();
            lambda();
            return this;
        }

        public Ec2Client ec2() {
            return client("ec2/" + name, () -> build(Ec2Client.builder(), name));
        }

        public ElasticLoadBalancingV2Client elb() {
            return client("elb/" + name, () -> build(ElasticLoadBalancingV2Client.builder(), name));
        }

        public RdsClient rds() {
            return client("rds/" + name, () -> build(RdsClient.builder(), name));
        }

        public S3Client s3() {
            return client("s3/" + name, () -> moto.configure(S3Client.builder(), name).forcePathStyle(true).build());
        }

        public DynamoDbClient dynamodb() {
            return client("ddb/" + name, () -> build(DynamoDbClient.builder(), name));
        }

        public SecretsManagerClient secrets() {
            return client("sm/" + name, () -> build(SecretsManagerClient.builder(), name));
        }

        public ConfigClient config() {
            return client("config/" + name, () -> build(ConfigClient.builder(), name));
        }

        public CloudWatchClient cloudWatch() {
            return client("cw/" + name, () -> build(CloudWatchClient.builder(), name));
        }

        public CloudTrailClient cloudTrail() {
            return client("ct/" + name, () -> build(CloudTrailClient.builder(), name));
        }

        public SnsClient sns() {
            return client("sns/" + name, () -> build(SnsClient.builder(), name));
        }

        public AutoScalingClient autoScaling() {
            return client("asg/" + name, () -> build(AutoScalingClient.builder(), name));
        }

        public LambdaClient lambdaClient() {
            return client("lambda/" + name, () -> build(LambdaClient.builder(), name));
        }

        IamClient iam() {
            return client("iam", () -> build(IamClient.builder(), "us-east-1"));
        }

        AcmClient acm() {
            return client("acm/" + name, () -> build(AcmClient.builder(), name));
        }

        String physical(String service, String identifier) {
            return "PROD-" + service + "-" + identifier + "-" + id + "-" + name;
        }

        /** Dual-stack VPC, a public and a private subnet in each of two AZs, a private route table. */
        public Region network() {
            var vpc = ec2().createVpc(r -> r.cidrBlock(cidr).amazonProvidedIpv6CidrBlock(true)).vpc();
            vpcId = vpc.vpcId();
            ipv6Block = ec2().describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0)
                    .ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
            var azs = ec2().describeAvailabilityZones().availabilityZones();
            String base = cidr.substring(0, cidr.indexOf('.', cidr.indexOf('.') + 1)); // "10.40"
            for (int i = 0; i < 2; i++) {
                String az = azs.get(i).zoneName();
                zones.add(az);
                publicSubnets.add(subnet(base + "." + i + ".0/24", az, 2 * i));
                privateSubnets.add(subnet(base + "." + (10 + i) + ".0/24", az, 2 * i + 1));
            }
            privateRouteTable = ec2().createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
            for (String subnet : privateSubnets) {
                ec2().associateRouteTable(r -> r.routeTableId(privateRouteTable).subnetId(subnet));
            }
            outputs.put(OutputKeys.VPC_ID, vpcId);
            outputs.put(OutputKeys.VPC_CIDR, cidr);
            outputs.put(OutputKeys.PRIVATE_ROUTE_TABLE_IDS, List.of(privateRouteTable));
            return this;
        }

        /** A subnet with a /64 carved from the VPC's /56 (its 4th hextet's low byte is {@code index}). */
        String subnet(String ipv4, String az, int index) {
            String prefix = ipv6Block.substring(0, ipv6Block.indexOf("::"));
            String[] hextets = prefix.split(":");
            String fourth = String.format("%04x", Integer.parseInt(hextets[3], 16));
            hextets[3] = fourth.substring(0, 2) + String.format("%02x", index);
            String ipv6 = String.join(":", hextets) + "::/64";
            return ec2().createSubnet(r -> r.vpcId(vpcId).cidrBlock(ipv4).availabilityZone(az).ipv6CidrBlock(ipv6))
                    .subnet().subnetId();
        }

        public Region natGateway() {
            String eip = ec2().allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
            String nat = ec2().createNatGateway(r -> r.subnetId(publicSubnets.get(0)).allocationId(eip))
                    .natGateway().natGatewayId();
            outputs.put(OutputKeys.NAT_GATEWAY_IDS, List.of(nat));
            return this;
        }

        /** Flow logs to an existing S3 bucket, so moto reports delivery as working. */
        public Region flowLogs() {
            String logBucket = physical("s3", "flowlogs").toLowerCase();
            createBucket(logBucket);
            ec2().createFlowLogs(r -> r.resourceIds(vpcId).resourceType(FlowLogsResourceType.VPC)
                    .trafficType(TrafficType.ALL).logDestinationType(LogDestinationType.S3)
                    .logDestination("arn:aws:s3:::" + logBucket));
            return this;
        }

        public Region securityGroups() {
            albSg = group("alb");
            appSg = group("app");
            lambdaSg = group("lambda");
            dbSg = group("db");
            for (int port : new int[]{443, 80}) {
                ingress(albSg, IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                        .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
                        .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()).build());
            }
            ingress(appSg, fromGroups(8080, albSg));
            ingress(dbSg, fromGroups(5432, appSg, lambdaSg));
            outputs.put(OutputKeys.ALB_SECURITY_GROUP_ID, albSg);
            outputs.put(OutputKeys.APP_SECURITY_GROUP_ID, appSg);
            outputs.put(OutputKeys.DB_SECURITY_GROUP_ID, dbSg);
            outputs.put(OutputKeys.LAMBDA_SECURITY_GROUP_ID, lambdaSg);
            return this;
        }

        String group(String role) {
            return ec2().createSecurityGroup(r -> r.groupName(physical("sg", role)).description(role).vpcId(vpcId)).groupId();
        }

        void ingress(String group, IpPermission permission) {
            ec2().authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(permission));
        }

        static IpPermission fromGroups(int port, String... groups) {
            return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                    .userIdGroupPairs(java.util.Arrays.stream(groups)
                            .map(g -> UserIdGroupPair.builder().groupId(g).build()).toList()).build();
        }

        /** Dual-stack ALB, target group with one running instance per AZ, HTTPS (TLS 1.2+) and HTTP redirect. */
        public Region loadBalancer() {
            albArn = elb().createLoadBalancer(r -> r.name(("alb-" + id + "-" + name).substring(0, Math.min(32, 15 + name.length())))
                    .subnets(publicSubnets).securityGroups(albSg).ipAddressType(IpAddressType.DUALSTACK))
                    .loadBalancers().get(0).loadBalancerArn();
            targetGroupArn = elb().createTargetGroup(r -> r.name("tg-" + id).protocol(ProtocolEnum.HTTP).port(8080)
                    .vpcId(vpcId)).targetGroups().get(0).targetGroupArn();
            for (String subnet : privateSubnets) {
                instances.add(ec2().runInstances(r -> r.imageId(AMI).minCount(1).maxCount(1).subnetId(subnet)
                        .securityGroupIds(appSg)).instances().get(0).instanceId());
            }
            elb().registerTargets(r -> r.targetGroupArn(targetGroupArn).targets(instances.stream()
                    .map(i -> software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription.builder()
                            .id(i).build()).toList()));
            String cert = acm().requestCertificate(r -> r.domainName(id + "." + name + ".tap.example.com")).certificateArn();
            elb().createListener(r -> r.loadBalancerArn(albArn).protocol(ProtocolEnum.HTTPS).port(443)
                    .sslPolicy("ELBSecurityPolicy-TLS13-1-2-2021-06").certificates(c -> c.certificateArn(cert))
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)));
            elb().createListener(r -> r.loadBalancerArn(albArn).protocol(ProtocolEnum.HTTP).port(80)
                    .defaultActions(a -> a.type(ActionTypeEnum.REDIRECT).redirectConfig(c -> c.protocol("HTTPS")
                            .port("443").statusCode(RedirectActionStatusCodeEnum.HTTP_301))));
            outputs.put(OutputKeys.ALB_ARN, albArn);
            outputs.put(OutputKeys.ALB_DNS_NAME, elb().describeLoadBalancers(r -> r.loadBalancerArns(albArn))
                    .loadBalancers().get(0).dnsName());
            outputs.put(OutputKeys.TARGET_GROUP_ARN, targetGroupArn);
            return this;
        }

        /** Encrypted Multi-AZ private PostgreSQL with {@code rds.force_ssl=1} and an in-region read replica. */
        public Region database() {
            parameterGroup = physical("pg", "postgres").toLowerCase();
            rds().createDBParameterGroup(r -> r.dbParameterGroupName(parameterGroup).dbParameterGroupFamily("postgres16")
                    .description("TAP PostgreSQL"));
            rds().modifyDBParameterGroup(r -> r.dbParameterGroupName(parameterGroup).parameters(Parameter.builder()
                    .parameterName("rds.force_ssl").parameterValue("1").applyMethod(ApplyMethod.IMMEDIATE).build()));
            dbId = physical("rds", "primary").toLowerCase();
            rds().createDBInstance(r -> r.dbInstanceIdentifier(dbId).engine("postgres").engineVersion("16.3")
                    .dbInstanceClass("db.r6g.large").allocatedStorage(20).masterUsername("tap")
                    .manageMasterUserPassword(true).storageEncrypted(true).multiAZ(true).publiclyAccessible(false)
                    .dbParameterGroupName(parameterGroup));
            replicaId = physical("rds", "replica").toLowerCase();
            rds().createDBInstanceReadReplica(r -> r.dbInstanceIdentifier(replicaId).sourceDBInstanceIdentifier(dbId)
                    .dbInstanceClass("db.r6g.large").publiclyAccessible(false).dbParameterGroupName(parameterGroup));
            outputs.put(OutputKeys.RDS_INSTANCE_ID, dbId);
            outputs.put(OutputKeys.RDS_ENDPOINT, rds().describeDBInstances(r -> r.dbInstanceIdentifier(dbId))
                    .dbInstances().get(0).endpoint().address());
            outputs.put(OutputKeys.RDS_REPLICA_IDS, List.of(replicaId));
            return this;
        }

        void createBucket(String bucketName) {
            s3().createBucket(r -> {
                r.bucket(bucketName);
                if (!"us-east-1".equals(name)) {
                    r.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(name)));
                }
            });
        }

        /** Versioned, SSE-KMS, public access blocked. */
        public Region bucket() {
            bucket = physical("s3", "data").toLowerCase();
            createBucket(bucket);
            s3().putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            s3().putBucketEncryption(r -> r.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(rule -> rule
                    .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                            .kmsMasterKeyID("arn:aws:kms:" + name + ":" + MotoServer.ACCOUNT_ID + ":alias/tap")))));
            s3().putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                    .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
            outputs.put(OutputKeys.DATA_BUCKET_NAME, bucket);
            return this;
        }

        /** Session table with SSE-KMS and PITR. */
        public Region table() {
            table = physical("dynamodb", "sessions");
            dynamodb().createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS)));
            dynamodb().updateContinuousBackups(r -> r.tableName(table)
                    .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
            outputs.put(OutputKeys.SESSIONS_TABLE_NAME, table);
            return this;
        }

        /** A secret with a 30-day rotation schedule. */
        public Region secret() {
            secretArn = secrets().createSecret(r -> r.name(physical("secret", "db")).secretString("{\"password\":\"arranged\"}"))
                    .arn();
            enableRotation(secretArn);
            outputs.put(OutputKeys.DB_SECRET_ARN, secretArn);
            return this;
        }

        /**
         * moto would invoke the rotation Lambda (which needs Docker); with a function that does not exist it
         * answers ResourceNotFound yet records the schedule, which is the state the check reads.
         */
        void enableRotation(String arn) {
            try {
                secrets().rotateSecret(r -> r.secretId(arn).rotateImmediately(false)
                        .rotationLambdaARN("arn:aws:lambda:" + name + ":" + MotoServer.ACCOUNT_ID + ":function:" + physical("lambda", "rotate"))
                        .rotationRules(rr -> rr.automaticallyAfterDays(30L)));
            } catch (AwsServiceException e) {
                if (!"ResourceNotFoundException".equals(e.awsErrorDetails().errorCode())) {
                    throw e;
                }
            }
        }

        /** The region's Config recorder (moto allows one per region: reused when present) recording, and the rules. */
        public Region configRecorder() {
            var existing = config().describeConfigurationRecorders(r -> { }).configurationRecorders();
            String recorder = existing.isEmpty() ? "default" : existing.get(0).name();
            if (existing.isEmpty()) {
                config().putConfigurationRecorder(r -> r.configurationRecorder(c -> c.name(recorder)
                        .roleARN("arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":role/PROD-role-config")
                        .recordingGroup(g -> g.allSupported(true).includeGlobalResourceTypes(true))));
            }
            if (config().describeDeliveryChannels(r -> { }).deliveryChannels().isEmpty()) {
                String channelBucket = physical("s3", "config").toLowerCase();
                createBucket(channelBucket);
                config().putDeliveryChannel(r -> r.deliveryChannel(d -> d.name("default").s3BucketName(channelBucket)));
            }
            config().startConfigurationRecorder(r -> r.configurationRecorderName(recorder));
            for (String rule : CONFIG_RULES) {
                config().putConfigRule(r -> r.configRule(c -> c.configRuleName(physical("config", rule.toLowerCase()))
                        .source(s -> s.owner("AWS").sourceIdentifier(rule))));
            }
            return this;
        }

        /** A KMS-encrypted alert topic and an alarm notifying it. */
        public Region alarms() {
            topicArn = sns().createTopic(r -> r.name(physical("sns", "alerts"))
                    .attributes(Map.of("KmsMasterKeyId", "alias/aws/sns"))).topicArn();
            alarm = physical("alarm", "unauthorized-api-calls");
            cloudWatch().putMetricAlarm(r -> r.alarmName(alarm).namespace("TAP/Security").metricName("UnauthorizedApiCalls")
                    .statistic(Statistic.SUM).period(300).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).alarmActions(topicArn));
            outputs.put(OutputKeys.ALERTS_TOPIC_ARN, topicArn);
            outputs.put(OutputKeys.ALARM_NAMES, List.of(alarm));
            return this;
        }

        /** An ASG with min 2 across the private subnets (moto starts its instances InService). */
        public Region autoScalingGroup() {
            String template = physical("lt", "app");
            ec2().createLaunchTemplate(r -> r.launchTemplateName(template)
                    .launchTemplateData(d -> d.imageId(AMI).instanceType("t3.medium")));
            asg = physical("asg", "app");
            autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(asg).minSize(2).maxSize(6).desiredCapacity(2)
                    .launchTemplate(t -> t.launchTemplateName(template))
                    .vpcZoneIdentifier(String.join(",", privateSubnets)));
            outputs.put(OutputKeys.ASG_NAME, asg);
            return this;
        }

        /** The automation Lambda in the private subnets with its own role. */
        public Region lambda() {
            String roleName = physical("role", "lambda");
            roleArn = iam().createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
            function = physical("lambda", "ops");
            lambdaClient().createFunction(r -> r.functionName(function).runtime(Runtime.PYTHON3_12).role(roleArn)
                    .handler("index.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(zip())))
                    .vpcConfig(v -> v.subnetIds(privateSubnets).securityGroupIds(lambdaSg)));
            outputs.put(OutputKeys.LAMBDA_FUNCTION_NAME, function);
            outputs.put(OutputKeys.LAMBDA_ROLE_ARN, roleArn);
            return this;
        }

        /** A multi-region trail with log-file validation, logging. */
        public Region trail() {
            String trailBucket = physical("s3", "trail").toLowerCase();
            createBucket(trailBucket);
            trail = physical("cloudtrail", "main");
            cloudTrail().createTrail(r -> r.name(trail).s3BucketName(trailBucket).isMultiRegionTrail(true)
                    .enableLogFileValidation(true));
            cloudTrail().startLogging(r -> r.name(trail));
            outputs.put(OutputKeys.CLOUDTRAIL_NAME, trail);
            return this;
        }

        /** A peering connection to {@code other}, accepted or left pending, with routes both ways. */
        public String peerWith(Region other, boolean accept) {
            String pcx = ec2().createVpcPeeringConnection(r -> r.vpcId(vpcId).peerVpcId(other.vpcId).peerRegion(other.name))
                    .vpcPeeringConnection().vpcPeeringConnectionId();
            if (accept) {
                other.ec2().acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
            }
            ec2().createRoute(r -> r.routeTableId(privateRouteTable).destinationCidrBlock(other.cidr).vpcPeeringConnectionId(pcx));
            other.ec2().createRoute(r -> r.routeTableId(other.privateRouteTable).destinationCidrBlock(cidr)
                    .vpcPeeringConnectionId(pcx));
            return pcx;
        }
    }

    static byte[] zip() {
        try (var bytes = new ByteArrayOutputStream(); var zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.py"));
            zip.write("def handler(event, context):\n    return None\n".getBytes());
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
