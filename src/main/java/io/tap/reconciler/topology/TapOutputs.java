package io.tap.reconciler.topology;

import java.util.List;

/**
 * The stack-output scheme of the TAP program. Other parts of the service (validation checks,
 * compliance mapping, the REST API) read these keys, so they are a contract: add keys, never
 * rename them. {@code validation.OutputKeys} mirrors the keys the checks read; a test keeps the two
 * in step.
 *
 * <p>Shape, as {@code pulumi stack output --json} prints it: estate-wide values at the top level
 * ({@link #GLOBAL}), and one object per region, named by the region code, holding that region's
 * values ({@link #PER_REGION}; the primary region's object also holds {@link #PRIMARY_ONLY}):
 * <pre>{"primaryRegion": "us-east-1", "us-east-1": {"vpcId": "vpc-…", "albDnsName": "…", …}, …}</pre>
 * Values are strings unless noted: "list" values are arrays of strings, "map" values objects of strings.
 */
public final class TapOutputs {

    private TapOutputs() {
    }

    // ---- top level ----------------------------------------------------------------------------
    /** The primary region code. */
    public static final String PRIMARY_REGION = "primaryRegion";
    /** list: the region codes, in configured order. */
    public static final String REGIONS = "regions";
    /** Bucket receiving CloudTrail and AWS Config deliveries (primary region). */
    public static final String AUDIT_BUCKET_NAME = "auditBucketName";
    /** ARN of the S3 cross-region replication role. */
    public static final String REPLICATION_ROLE_ARN = "replicationRoleArn";
    /** map: {@code <requester>-to-<accepter>} → VPC peering connection id, one per region pair. */
    public static final String PEERING_CONNECTION_IDS = "peeringConnectionIds";

    // ---- in each region's object --------------------------------------------------------------
    public static final String VPC_ID = "vpcId";
    /** The configured IPv4 block. */
    public static final String VPC_CIDR = "vpcCidr";
    /** The VPC's Amazon-provided IPv6 /56. */
    public static final String VPC_IPV6_CIDR = "vpcIpv6Cidr";
    /** list: public subnet ids, one per AZ. */
    public static final String PUBLIC_SUBNET_IDS = "publicSubnetIds";
    /** list: private subnet ids, one per AZ. */
    public static final String PRIVATE_SUBNET_IDS = "privateSubnetIds";
    public static final String PUBLIC_ROUTE_TABLE_ID = "publicRouteTableId";
    /** list: private route table ids, one per AZ. */
    public static final String PRIVATE_ROUTE_TABLE_IDS = "privateRouteTableIds";
    /** list: NAT gateway ids, one per AZ. */
    public static final String NAT_GATEWAY_IDS = "natGatewayIds";
    /** map: peer region → VPC peering connection id (the same id on both sides of a pair). */
    public static final String PEERING_IDS = "peeringIds";
    public static final String ALB_SECURITY_GROUP_ID = "albSecurityGroupId";
    public static final String APP_SECURITY_GROUP_ID = "appSecurityGroupId";
    public static final String DB_SECURITY_GROUP_ID = "dbSecurityGroupId";
    public static final String LAMBDA_SECURITY_GROUP_ID = "lambdaSecurityGroupId";
    public static final String ROTATION_SECURITY_GROUP_ID = "rotationSecurityGroupId";
    public static final String ALB_ARN = "albArn";
    public static final String ALB_DNS_NAME = "albDnsName";
    public static final String TARGET_GROUP_ARN = "targetGroupArn";
    public static final String HTTPS_LISTENER_ARN = "httpsListenerArn";
    public static final String CERTIFICATE_ARN = "certificateArn";
    public static final String ASG_NAME = "asgName";
    public static final String LAUNCH_TEMPLATE_ID = "launchTemplateId";
    /** The automation Lambda. */
    public static final String LAMBDA_FUNCTION_NAME = "lambdaFunctionName";
    public static final String LAMBDA_ARN = "lambdaArn";
    public static final String LAMBDA_ROLE_ARN = "lambdaRoleArn";
    /** The secret-rotation Lambda. */
    public static final String ROTATION_LAMBDA_NAME = "rotationLambdaName";
    /** Identifier of the regional PostgreSQL primary. */
    public static final String RDS_INSTANCE_ID = "rdsInstanceId";
    /** host:port of the regional PostgreSQL primary. */
    public static final String RDS_ENDPOINT = "rdsEndpoint";
    /** list: identifiers of its read replicas. */
    public static final String RDS_REPLICA_IDS = "rdsReplicaIds";
    /** list: host:port of its read replicas. */
    public static final String RDS_REPLICA_ENDPOINTS = "rdsReplicaEndpoints";
    /** ARN of the RDS-managed (and rotated) master credentials secret. */
    public static final String DB_SECRET_ARN = "dbSecretArn";
    public static final String DATA_BUCKET_NAME = "dataBucketName";
    public static final String DATA_BUCKET_ARN = "dataBucketArn";
    public static final String SESSIONS_TABLE_NAME = "sessionsTableName";
    public static final String KMS_KEY_ARN = "kmsKeyArn";
    public static final String KMS_ALIAS = "kmsAlias";
    /** ARN of the application secret rotated by the rotation Lambda. */
    public static final String APP_SECRET_ARN = "appSecretArn";
    public static final String ALERTS_TOPIC_ARN = "alertsTopicArn";
    public static final String APP_LOG_GROUP_NAME = "appLogGroupName";
    public static final String FLOW_LOG_GROUP_NAME = "flowLogGroupName";
    public static final String FLOW_LOG_ID = "flowLogId";
    public static final String APP_ROLE_ARN = "appRoleArn";
    public static final String CONFIG_RECORDER_NAME = "configRecorderName";
    /** map: managed rule name (e.g. {@code restricted-ssh}) → the deployed Config rule's name. */
    public static final String CONFIG_RULE_NAMES = "configRuleNames";
    /** list: the region's CloudWatch alarms (in the primary also the CloudTrail security alarms). */
    public static final String ALARM_NAMES = "alarmNames";

    // ---- only in the primary region's object --------------------------------------------------
    /** The multi-region CloudTrail trail. */
    public static final String CLOUDTRAIL_NAME = "cloudTrailName";
    public static final String CLOUDTRAIL_ARN = "cloudTrailArn";

    /** Every key of every region's object. */
    public static final List<String> PER_REGION = List.of(VPC_ID, VPC_CIDR, VPC_IPV6_CIDR, PUBLIC_SUBNET_IDS,
            PRIVATE_SUBNET_IDS, PUBLIC_ROUTE_TABLE_ID, PRIVATE_ROUTE_TABLE_IDS, NAT_GATEWAY_IDS, PEERING_IDS,
            ALB_SECURITY_GROUP_ID, APP_SECURITY_GROUP_ID, DB_SECURITY_GROUP_ID, LAMBDA_SECURITY_GROUP_ID,
            ROTATION_SECURITY_GROUP_ID, ALB_ARN, ALB_DNS_NAME, TARGET_GROUP_ARN, HTTPS_LISTENER_ARN, CERTIFICATE_ARN,
            ASG_NAME, LAUNCH_TEMPLATE_ID, LAMBDA_FUNCTION_NAME, LAMBDA_ARN, LAMBDA_ROLE_ARN, ROTATION_LAMBDA_NAME,
            RDS_INSTANCE_ID, RDS_ENDPOINT, RDS_REPLICA_IDS, RDS_REPLICA_ENDPOINTS, DB_SECRET_ARN, DATA_BUCKET_NAME,
            DATA_BUCKET_ARN, SESSIONS_TABLE_NAME, KMS_KEY_ARN, KMS_ALIAS, APP_SECRET_ARN, ALERTS_TOPIC_ARN,
            APP_LOG_GROUP_NAME, FLOW_LOG_GROUP_NAME, FLOW_LOG_ID, APP_ROLE_ARN, CONFIG_RECORDER_NAME,
            CONFIG_RULE_NAMES, ALARM_NAMES);

    /** Keys only the primary region's object has. */
    public static final List<String> PRIMARY_ONLY = List.of(CLOUDTRAIL_NAME, CLOUDTRAIL_ARN);

    /** Every top-level key besides the region objects. */
    public static final List<String> GLOBAL = List.of(PRIMARY_REGION, REGIONS, AUDIT_BUCKET_NAME, REPLICATION_ROLE_ARN,
            PEERING_CONNECTION_IDS);
}
