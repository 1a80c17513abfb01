package io.tap.reconciler.topology.naming;

import java.util.regex.Pattern;

/**
 * A kind of AWS name, with the rules AWS puts on it. {@code token} is the {@code {service}} part of
 * {@code PROD-{service}-{identifier}-{region}}; resources without a name of their own (subnets,
 * gateways, route tables, …) use their token for the {@code Name} tag.
 */
public enum AwsService {
    VPC("vpc", 255, false, "[^A-Za-z0-9-]"),
    SUBNET("subnet", 255, false, "[^A-Za-z0-9-]"),
    INTERNET_GATEWAY("igw", 255, false, "[^A-Za-z0-9-]"),
    EGRESS_ONLY_GATEWAY("eigw", 255, false, "[^A-Za-z0-9-]"),
    NAT_GATEWAY("nat", 255, false, "[^A-Za-z0-9-]"),
    ELASTIC_IP("eip", 255, false, "[^A-Za-z0-9-]"),
    ROUTE_TABLE("rt", 255, false, "[^A-Za-z0-9-]"),
    PEERING("pcx", 255, false, "[^A-Za-z0-9-]"),
    FLOW_LOG("flowlog", 255, false, "[^A-Za-z0-9-]"),
    /** Security group names may not start with {@code sg-}; ours start with the environment. */
    SECURITY_GROUP("sg", 255, false, "[^A-Za-z0-9-]"),
    KMS_KEY("kms", 256, false, "[^A-Za-z0-9-]"),
    /** The alias itself gets the {@code alias/} prefix from the caller. */
    KMS_ALIAS("kms", 250, false, "[^A-Za-z0-9_-]"),
    IAM_ROLE("role", 64, false, "[^A-Za-z0-9+=,.@_-]"),
    IAM_POLICY("policy", 128, false, "[^A-Za-z0-9+=,.@_-]"),
    INSTANCE_PROFILE("profile", 128, false, "[^A-Za-z0-9+=,.@_-]"),
    /** Globally unique, 3-63 characters, lowercase letters, digits and hyphens. */
    S3_BUCKET("s3", 63, true, "[^a-z0-9-]"),
    /** RDS identifiers: lowercase, start with a letter, no double or trailing hyphen. */
    RDS_INSTANCE("rds", 63, true, "[^a-z0-9-]"),
    RDS_PARAMETER_GROUP("pg", 255, true, "[^a-z0-9-]"),
    RDS_SUBNET_GROUP("dbsubnet", 255, true, "[^a-z0-9-]"),
    DYNAMODB_TABLE("dynamodb", 255, false, "[^A-Za-z0-9_.-]"),
    SECRET("secret", 512, false, "[^A-Za-z0-9/_+=.@-]"),
    LOG_GROUP("logs", 512, false, "[^A-Za-z0-9._/#-]"),
    METRIC_FILTER("filter", 512, false, "[^A-Za-z0-9._-]"),
    ALARM("alarm", 255, false, "[^A-Za-z0-9._-]"),
    SNS_TOPIC("sns", 256, false, "[^A-Za-z0-9_-]"),
    CLOUDTRAIL("trail", 128, false, "[^A-Za-z0-9._-]"),
    CONFIG_RECORDER("config", 256, false, "[^A-Za-z0-9._-]"),
    CONFIG_RULE("config", 128, false, "[^A-Za-z0-9._-]"),
    /** ALB names: at most 32 characters, letters, digits and hyphens. */
    LOAD_BALANCER("alb", 32, false, "[^A-Za-z0-9-]"),
    TARGET_GROUP("tg", 32, false, "[^A-Za-z0-9-]"),
    LISTENER("listener", 255, false, "[^A-Za-z0-9-]"),
    CERTIFICATE("acm", 255, false, "[^A-Za-z0-9-]"),
    AUTO_SCALING_GROUP("asg", 255, false, "[^A-Za-z0-9._-]"),
    LAUNCH_TEMPLATE("lt", 128, false, "[^A-Za-z0-9()./_-]"),
    LAMBDA("lambda", 64, false, "[^A-Za-z0-9_-]"),
    EVENT_RULE("events", 64, false, "[^A-Za-z0-9._-]");

    private final String token;
    private final int maxLength;
    private final boolean lowercase;
    private final Pattern invalid;

    AwsService(String token, int maxLength, boolean lowercase, String invalid) {
        this.token = token;
        this.maxLength = maxLength;
        this.lowercase = lowercase;
        this.invalid = Pattern.compile(invalid);
    }

    /** The {@code {service}} part of a name. */
    public String token() {
        return token;
    }

    /** The longest name AWS accepts. */
    public int maxLength() {
        return maxLength;
    }

    /** Whether AWS requires lowercase names (S3, RDS). */
    public boolean lowercase() {
        return lowercase;
    }

    /** Characters AWS rejects in this kind of name. */
    Pattern invalid() {
        return invalid;
    }
}
