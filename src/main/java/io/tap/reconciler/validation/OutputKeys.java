package io.tap.reconciler.validation;

import java.util.List;

/**
 * The stack output scheme the checks read. The topology program exports one object per region,
 * named by the region ({@code "us-east-1": {"vpcId": …}}), plus {@link #PRIMARY_REGION} at the top.
 * Mirrored here as strings because {@code validation} may not depend on {@code topology}; a test
 * keeps both sides in step.
 */
public final class OutputKeys {

    /** Top level: the region that holds the replication source. */
    public static final String PRIMARY_REGION = "primaryRegion";

    // per region
    public static final String VPC_ID = "vpcId";
    public static final String VPC_CIDR = "vpcCidr";
    public static final String PRIVATE_ROUTE_TABLE_IDS = "privateRouteTableIds";
    public static final String NAT_GATEWAY_IDS = "natGatewayIds";
    public static final String ALB_ARN = "albArn";
    public static final String ALB_DNS_NAME = "albDnsName";
    public static final String TARGET_GROUP_ARN = "targetGroupArn";
    public static final String ALB_SECURITY_GROUP_ID = "albSecurityGroupId";
    public static final String APP_SECURITY_GROUP_ID = "appSecurityGroupId";
    public static final String DB_SECURITY_GROUP_ID = "dbSecurityGroupId";
    public static final String LAMBDA_SECURITY_GROUP_ID = "lambdaSecurityGroupId";
    /** Optional: the secret-rotation Lambda's group, which may reach the database too. */
    public static final String ROTATION_SECURITY_GROUP_ID = "rotationSecurityGroupId";
    public static final String RDS_INSTANCE_ID = "rdsInstanceId";
    public static final String RDS_ENDPOINT = "rdsEndpoint";
    public static final String RDS_REPLICA_IDS = "rdsReplicaIds";
    public static final String DATA_BUCKET_NAME = "dataBucketName";
    public static final String SESSIONS_TABLE_NAME = "sessionsTableName";
    public static final String DB_SECRET_ARN = "dbSecretArn";
    public static final String CLOUDTRAIL_NAME = "cloudTrailName";
    public static final String ALARM_NAMES = "alarmNames";
    public static final String ALERTS_TOPIC_ARN = "alertsTopicArn";
    public static final String ASG_NAME = "asgName";
    public static final String LAMBDA_FUNCTION_NAME = "lambdaFunctionName";
    public static final String LAMBDA_ROLE_ARN = "lambdaRoleArn";

    /** Every per-region key the checks read ({@link #CLOUDTRAIL_NAME} only where the trail lives). */
    public static final List<String> REGIONAL = List.of(VPC_ID, VPC_CIDR, PRIVATE_ROUTE_TABLE_IDS, NAT_GATEWAY_IDS,
            ALB_ARN, ALB_DNS_NAME, TARGET_GROUP_ARN, ALB_SECURITY_GROUP_ID, APP_SECURITY_GROUP_ID,
            DB_SECURITY_GROUP_ID, LAMBDA_SECURITY_GROUP_ID, RDS_INSTANCE_ID, RDS_ENDPOINT, RDS_REPLICA_IDS,
            DATA_BUCKET_NAME, SESSIONS_TABLE_NAME, DB_SECRET_ARN, ALARM_NAMES, ALERTS_TOPIC_ARN, ASG_NAME,
            LAMBDA_FUNCTION_NAME, LAMBDA_ROLE_ARN);

    private OutputKeys() {
    }
}
