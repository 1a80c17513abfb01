package io.tap.reconciler.topology.monitoring;

import com.pulumi.aws.cfg.DeliveryChannel;
import com.pulumi.aws.cfg.DeliveryChannelArgs;
import com.pulumi.aws.cfg.Recorder;
import com.pulumi.aws.cfg.RecorderArgs;
import com.pulumi.aws.cfg.RecorderStatus;
import com.pulumi.aws.cfg.RecorderStatusArgs;
import com.pulumi.aws.cfg.Rule;
import com.pulumi.aws.cfg.RuleArgs;
import com.pulumi.aws.cfg.inputs.RecorderRecordingGroupArgs;
import com.pulumi.aws.cfg.inputs.RuleSourceArgs;
import com.pulumi.aws.cloudtrail.Trail;
import com.pulumi.aws.cloudtrail.TrailArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogMetricFilter;
import com.pulumi.aws.cloudwatch.LogMetricFilterArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.LogMetricFilterMetricTransformationArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.core.Output;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.naming.AwsService;
import io.tap.reconciler.topology.networking.Network;
import io.tap.reconciler.topology.security.Policies;
import io.tap.reconciler.topology.security.RegionSecurity;
import io.tap.reconciler.topology.security.Roles;
import io.tap.reconciler.topology.storage.RegionStorage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tap.reconciler.topology.Json.obj;

/**
 * Builds a region's {@link RegionMonitoring}: encrypted log groups, VPC flow logs, the alert
 * topic, AWS Config, and in the primary region the multi-region CloudTrail with its security
 * metric filters and alarms.
 */
public final class MonitoringBuilder {

    /** AWS managed Config rules every region evaluates: rule name → source identifier. */
    public static final Map<String, String> CONFIG_RULES = orderedRules();

    /** The metric namespace of the CloudTrail security filters. */
    public static final String SECURITY_NAMESPACE = "TAP/CloudTrail";

    /** Security metric filters on the trail: metric name → CloudWatch Logs filter pattern (CIS benchmark). */
    public static final Map<String, String> SECURITY_FILTERS = Map.of(
            "UnauthorizedApiCalls", "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }",
            "RootAccountUsage", "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }",
            "SecurityGroupChanges", "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress)"
                    + " || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress)"
                    + " || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }");

    /** AWS's read-only policy for Config recorders (describe/list/get across services). */
    public static final String CONFIG_MANAGED_POLICY = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole";

    private MonitoringBuilder() {
    }

    private static Map<String, String> orderedRules() {
        var rules = new LinkedHashMap<String, String>();
        rules.put("s3-bucket-ssl-requests-only", "S3_BUCKET_SSL_REQUESTS_ONLY");
        rules.put("encrypted-volumes", "ENCRYPTED_VOLUMES");
        rules.put("rds-storage-encrypted", "RDS_STORAGE_ENCRYPTED");
        rules.put("restricted-ssh", "INCOMING_SSH_DISABLED");
        rules.put("cloudtrail-enabled", "CLOUD_TRAIL_ENABLED");
        rules.put("vpc-flow-logs-enabled", "VPC_FLOW_LOGS_ENABLED");
        rules.put("s3-bucket-server-side-encryption-enabled", "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED");
        rules.put("dynamodb-pitr-enabled", "DYNAMODB_PITR_ENABLED");
        rules.put("cmk-backing-key-rotation-enabled", "CMK_BACKING_KEY_ROTATION_ENABLED");
        rules.put("alb-http-to-https-redirection-check", "ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK");
        return java.util.Collections.unmodifiableMap(rules);
    }

    /**
     * @param primaryStorage the primary region's storage (its audit bucket receives Config and CloudTrail)
     * @param primaryKeyArn  the primary region's key (encrypts the audit bucket's deliveries)
     */
    public static RegionMonitoring build(RegionScope s, Network net, RegionSecurity sec, RegionStorage primaryStorage,
                                         Output<String> primaryKeyArn) {
        var key = sec.key().key();
        var topic = alertTopic(s, key.arn());
        var appLogs = LogGroups.create(s, "app", s.physical(AwsService.LOG_GROUP, "app"), key);

        var flowLogGroup = LogGroups.create(s, "vpc-flow", s.physical(AwsService.LOG_GROUP, "vpc-flow"), key);
        var flowPolicy = Roles.inline(s, sec.flowLogsRole(), "flowlogs", List.of(Policies.allow("DeliverFlowLogs",
                List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                List.of(flowLogGroup.arn(), flowLogGroup.arn().applyValue(a -> a + ":*")))));
        var flowLog = new FlowLog(s.logical("flow-log"), FlowLogArgs.builder()
                .vpcId(net.vpc().id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(flowLogGroup.arn())
                .iamRoleArn(sec.flowLogsRole().arn())
                .maxAggregationInterval(60)
                .tags(s.tags(AwsService.FLOW_LOG, "vpc"))
                .build(), s.opts(flowPolicy));

        var audit = primaryStorage.audit();
        var recorder = config(s, sec, audit.bucket().bucket(), audit.bucket().arn(), primaryKeyArn, audit.policy());
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (var rule : CONFIG_RULES.entrySet()) {
            rules.put(rule.getKey(), new Rule(s.logical("config-rule-" + rule.getKey()), RuleArgs.builder()
                    .name(s.physical(AwsService.CONFIG_RULE, rule.getKey()))
                    .description("AWS managed rule " + rule.getValue())
                    .source(RuleSourceArgs.builder().owner("AWS").sourceIdentifier(rule.getValue()).build())
                    .tags(s.tags(AwsService.CONFIG_RULE, rule.getKey()))
                    .build(), s.opts(recorder)));
        }

        Trail trail = null;
        List<MetricAlarm> alarms = List.of();
        if (s.isPrimary()) {
            var trailLogs = LogGroups.create(s, "cloudtrail", s.physical(AwsService.LOG_GROUP, "cloudtrail"), key);
            trail = trail(s, key.arn(), audit, trailLogs);
            alarms = securityAlarms(s, trailLogs, topic);
        }
        return new RegionMonitoring(topic, appLogs, flowLogGroup, flowLog, recorder, Map.copyOf(rules), trail, alarms);
    }

    private static Topic alertTopic(RegionScope s, Output<String> keyArn) {
        var topic = new Topic(s.logical("sns-alerts"), TopicArgs.builder()
                .name(s.physical(AwsService.SNS_TOPIC, "alerts"))
                .displayName("TAP alerts " + s.name())
                .kmsMasterKeyId(keyArn)
                .tags(s.tags(AwsService.SNS_TOPIC, "alerts"))
                .build(), s.opts());
        new TopicPolicy(s.logical("sns-alerts-policy"), TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(Policies.document(List.of(
                        Policies.denyInsecureTransport("sns:Publish", List.of(topic.arn())),
                        obj("Sid", "CloudWatchAlarmsPublish", "Effect", "Allow",
                                "Principal", obj("Service", "cloudwatch.amazonaws.com"),
                                "Action", "sns:Publish", "Resource", topic.arn(),
                                "Condition", obj("StringEquals", obj("aws:SourceAccount", s.accountId()))),
                        obj("Sid", "AccountManagesTopic", "Effect", "Allow", "Principal", obj("AWS", s.iamArn("root")),
                                "Action", List.of("sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes",
                                        "sns:SetTopicAttributes", "sns:ListSubscriptionsByTopic"),
                                "Resource", topic.arn()))))
                .build(), s.opts());
        return topic;
    }

    private static Recorder config(RegionScope s, RegionSecurity sec, Output<String> auditBucket, Output<String> auditArn,
                                   Output<String> primaryKeyArn, com.pulumi.aws.s3.BucketPolicy auditPolicy) {
        Role role = sec.configRole();
        new RolePolicyAttachment(s.logical("config-managed-policy"), RolePolicyAttachmentArgs.builder()
                .role(role.name()).policyArn(CONFIG_MANAGED_POLICY).build(), s.opts());
        var delivery = Roles.inline(s, role, "config-delivery", List.of(
                Policies.allow("CheckAuditBucket", List.of("s3:GetBucketAcl", "s3:ListBucket"), List.of(auditArn)),
                Policies.allow("DeliverToAuditBucket", List.of("s3:PutObject", "s3:PutObjectAcl"),
                        List.of(Output.tuple(auditArn, s.accountId()).applyValue(t -> t.t1 + "/config/AWSLogs/" + t.t2 + "/Config/*"))),
                Policies.allow("EncryptDeliveries", List.of("kms:GenerateDataKey", "kms:Decrypt"), List.of(primaryKeyArn))));
        var recorder = new Recorder(s.logical("config-recorder"), RecorderArgs.builder()
                .name(s.physical(AwsService.CONFIG_RECORDER, "recorder"))
                .roleArn(role.arn())
                .recordingGroup(RecorderRecordingGroupArgs.builder()
                        .allSupported(true)
                        .includeGlobalResourceTypes(s.isPrimary())
                        .build())
                .build(), s.opts(delivery));
        var channel = new DeliveryChannel(s.logical("config-delivery-channel"), DeliveryChannelArgs.builder()
                .name(s.physical(AwsService.CONFIG_RECORDER, "delivery"))
                .s3BucketName(auditBucket)
                .s3KeyPrefix("config")
                .s3KmsKeyArn(primaryKeyArn)
                .build(), s.opts(recorder, auditPolicy));
        new RecorderStatus(s.logical("config-recorder-status"), RecorderStatusArgs.builder()
                .name(recorder.name())
                .isEnabled(true)
                .build(), s.opts(channel));
        return recorder;
    }

    private static Trail trail(RegionScope s, Output<String> keyArn,
                               io.tap.reconciler.topology.storage.Buckets.HardenedBucket audit, LogGroup trailLogs) {
        Role role = Roles.role(s, "cloudtrail", "cloudtrail.amazonaws.com", "CloudTrail delivery to CloudWatch Logs");
        var policy = Roles.inline(s, role, "cloudtrail", List.of(Policies.allow("DeliverTrailEvents",
                List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                List.of(trailLogs.arn().applyValue(a -> a + ":*")))));
        return new Trail(s.logical("cloudtrail"), TrailArgs.builder()
                .name(s.physical(AwsService.CLOUDTRAIL, "main"))
                .s3BucketName(audit.bucket().bucket())
                .s3KeyPrefix("cloudtrail")
                .isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true)
                .enableLogFileValidation(true)
                .enableLogging(true)
                .kmsKeyId(keyArn)
                .cloudWatchLogsGroupArn(trailLogs.arn().applyValue(a -> a + ":*"))
                .cloudWatchLogsRoleArn(role.arn())
                .tags(s.tags(AwsService.CLOUDTRAIL, "main"))
                .build(), s.opts(audit.policy(), policy));
    }

    private static List<MetricAlarm> securityAlarms(RegionScope s, LogGroup trailLogs, Topic topic) {
        var alarms = new ArrayList<MetricAlarm>();
        for (String metric : new java.util.TreeSet<>(SECURITY_FILTERS.keySet())) {
            String id = kebab(metric);
            var filter = new LogMetricFilter(s.logical("filter-" + id), LogMetricFilterArgs.builder()
                    .name(s.physical(AwsService.METRIC_FILTER, id))
                    .logGroupName(trailLogs.name())
                    .pattern(SECURITY_FILTERS.get(metric))
                    .metricTransformation(LogMetricFilterMetricTransformationArgs.builder()
                            .name(metric).namespace(SECURITY_NAMESPACE).value("1").defaultValue("0").build())
                    .build(), s.opts());
            alarms.add(new MetricAlarm(s.logical("alarm-" + id), MetricAlarmArgs.builder()
                    .name(s.physical(AwsService.ALARM, id))
                    .alarmDescription("CloudTrail shows " + metric + " (CIS CloudWatch monitoring)")
                    .namespace(SECURITY_NAMESPACE)
                    .metricName(metric)
                    .statistic("Sum")
                    .period(300)
                    .evaluationPeriods(1)
                    .threshold(1.0)
                    .comparisonOperator("GreaterThanOrEqualToThreshold")
                    .treatMissingData("notBreaching")
                    .alarmActions(Output.all(topic.arn()))
                    .tags(s.tags(AwsService.ALARM, id))
                    .build(), s.opts(filter)));
        }
        return List.copyOf(alarms);
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
