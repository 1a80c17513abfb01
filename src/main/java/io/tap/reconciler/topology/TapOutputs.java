package io.tap.reconciler.topology;

import java.util.List;

/**
 * The stack-output naming scheme of the TAP program. Other parts of the service (validation
 * checks, compliance mapping, the REST API) read these keys from the stack's outputs, so they are
 * a contract: add keys, never rename them.
 *
 * <p>Per-region values are exported as {@code <region>.<name>}, e.g. {@code us-east-1.vpcId}
 * ({@link #key(String, String)}). Estate-wide values have plain names. Values are strings unless
 * noted: "list" values are JSON arrays of strings, "map" values are JSON objects of strings.
 */
public final class TapOutputs {

    private TapOutputs() {
    }

    /** The per-region key: {@code <region>.<name>}. */
    public static String key(String region, String name) {
        return region + "." + name;
    }

    // ---- estate-wide --------------------------------------------------------------------------
    /** The primary region code. */
    public static final String PRIMARY_REGION = "primaryRegion";
    /** list: the region codes, in configured order. */
    public static final String REGIONS = "regions";
    /** Name of the multi-region CloudTrail trail (in the primary region). */
    public static final String TRAIL_NAME = "trailName";
    /** ARN of the multi-region trail. */
    public static final String TRAIL_ARN = "trailArn";
    /** Bucket receiving CloudTrail and AWS Config deliveries (primary region). */
    public static final String AUDIT_BUCKET_NAME = "auditBucketName";
    /** ARN of the S3 cross-region replication role. */
    public static final String REPLICATION_ROLE_ARN = "replicationRoleArn";
    /** map: {@code <requester>-to-<accepter>} → VPC peering connection id, one per region pair. */
    public static final String PEERING_CONNECTION_IDS = "peeringConnectionIds";
    /** list: names of the CloudTrail security alarms (unauthorized calls, root usage, SG changes). */
    public static final String SECURITY_ALARM_NAMES = "securityAlarmNames";

    // ---- per region (use with key(region, NAME)) ---------------------------------------------
    public static final String VPC_ID = "vpcId";
    /** The VPC's Amazon-provided IPv6 /56. */
    public static final String VPC_IPV6_CIDR = "vpcIpv6Cidr";
    /** The configured IPv4 block. */
    public static final String VPC_CIDR = "vpcCidr";
    /** list: public subnet ids, one per AZ. */
    public static final String PUBLIC_SUBNET_IDS = "publicSubnetIds";
    /** list: private subnet ids, one per AZ. */
    public static final String PRIVATE_SUBNET_IDS = "privateSubnetIds";
    /** list: NAT gateway ids, one per AZ. */
    public static final String NAT_GATEWAY_IDS = "natGatewayIds";
    /** map: peer region → VPC peering connection id (same id on both sides of a pair). */
    public static final String PEERING_IDS = "peeringIds";
    /** map: {@code alb}, {@code app}, {@code db}, {@code lambda}, {@code rotation} → security group id. */
    public static final String SECURITY_GROUP_IDS = "securityGroupIds";
    public static final String ALB_DNS_NAME = "albDnsName";
    public static final String ALB_ARN = "albArn";
    public static final String TARGET_GROUP_ARN = "targetGroupArn";
    public static final String HTTPS_LISTENER_ARN = "httpsListenerArn";
    public static final String CERTIFICATE_ARN = "certificateArn";
    public static final String ASG_NAME = "asgName";
    public static final String LAUNCH_TEMPLATE_ID = "launchTemplateId";
    /** Name of the automation Lambda. */
    public static final String LAMBDA_NAME = "lambdaName";
    public static final String LAMBDA_ARN = "lambdaArn";
    /** Name of the secret-rotation Lambda. */
    public static final String ROTATION_LAMBDA_NAME = "rotationLambdaName";
    public static final String RDS_IDENTIFIER = "rdsIdentifier";
    /** host:port of the regional PostgreSQL primary. */
    public static final String RDS_ENDPOINT = "rdsEndpoint";
    /** list: identifiers of the read replicas. */
    public static final String RDS_REPLICA_IDENTIFIERS = "rdsReplicaIdentifiers";
    /** list: host:port of the read replicas. */
    public static final String RDS_REPLICA_ENDPOINTS = "rdsReplicaEndpoints";
    public static final String DATA_BUCKET_NAME = "dataBucketName";
    public static final String DATA_BUCKET_ARN = "dataBucketArn";
    public static final String SESSION_TABLE_NAME = "sessionTableName";
    public static final String KMS_KEY_ARN = "kmsKeyArn";
    public static final String KMS_ALIAS = "kmsAlias";
    /** ARN of the rotated application secret. */
    public static final String SECRET_ARN = "secretArn";
    public static final String ALERT_TOPIC_ARN = "alertTopicArn";
    public static final String APP_LOG_GROUP = "appLogGroupName";
    public static final String FLOW_LOG_GROUP = "flowLogGroupName";
    public static final String FLOW_LOG_ID = "flowLogId";
    public static final String APP_ROLE_ARN = "appRoleArn";
    public static final String CONFIG_RECORDER_NAME = "configRecorderName";
    /** map: managed rule name (e.g. {@code restricted-ssh}) → the deployed Config rule's name. */
    public static final String CONFIG_RULE_NAMES = "configRuleNames";

    /** Every per-region name, for consumers that want to iterate. */
    public static final List<String> PER_REGION = List.of(VPC_ID, VPC_IPV6_CIDR, VPC_CIDR, PUBLIC_SUBNET_IDS,
            PRIVATE_SUBNET_IDS, NAT_GATEWAY_IDS, PEERING_IDS, SECURITY_GROUP_IDS, ALB_DNS_NAME, ALB_ARN,
            TARGET_GROUP_ARN, HTTPS_LISTENER_ARN, CERTIFICATE_ARN, ASG_NAME, LAUNCH_TEMPLATE_ID, LAMBDA_NAME,
            LAMBDA_ARN, ROTATION_LAMBDA_NAME, RDS_IDENTIFIER, RDS_ENDPOINT, RDS_REPLICA_IDENTIFIERS,
            RDS_REPLICA_ENDPOINTS, DATA_BUCKET_NAME, DATA_BUCKET_ARN, SESSION_TABLE_NAME, KMS_KEY_ARN, KMS_ALIAS,
            SECRET_ARN, ALERT_TOPIC_ARN, APP_LOG_GROUP, FLOW_LOG_GROUP, FLOW_LOG_ID, APP_ROLE_ARN,
            CONFIG_RECORDER_NAME, CONFIG_RULE_NAMES);

    /** Every estate-wide name. */
    public static final List<String> GLOBAL = List.of(PRIMARY_REGION, REGIONS, TRAIL_NAME, TRAIL_ARN,
            AUDIT_BUCKET_NAME, REPLICATION_ROLE_ARN, PEERING_CONNECTION_IDS, SECURITY_ALARM_NAMES);
}
