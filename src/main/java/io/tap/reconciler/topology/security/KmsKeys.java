package io.tap.reconciler.topology.security;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import io.tap.reconciler.topology.Json;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.naming.AwsService;

import java.util.List;
import java.util.Map;

import static io.tap.reconciler.topology.Json.obj;

/**
 * The regional customer-managed key. Its policy lets the account administer it (so IAM can never
 * be locked out) but use it only through the named AWS services in this region, and names the
 * service principals that encrypt with it directly (CloudWatch Logs, CloudTrail, CloudWatch
 * alarms publishing to encrypted topics) and the Auto Scaling service-linked role (encrypted EBS).
 */
public final class KmsKeys {

    /** Services allowed to use the key on behalf of principals of this account ({@code kms:ViaService}). */
    public static final List<String> VIA_SERVICES = List.of("ec2", "rds", "s3", "dynamodb", "secretsmanager", "sns",
            "lambda", "logs");

    private KmsKeys() {
    }

    /** The key and its alias. */
    public record RegionalKey(Key key, Alias alias) {
    }

    public static RegionalKey build(RegionScope s) {
        var key = new Key(s.logical("kms-key"), KeyArgs.builder()
                .description("TAP " + s.name() + ": encryption at rest for every regional service")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(policy(s))
                .tags(s.tags(AwsService.KMS_KEY, "main"))
                .build(), s.opts());
        var alias = new Alias(s.logical("kms-alias"), AliasArgs.builder()
                .name("alias/" + s.physical(AwsService.KMS_ALIAS, "main"))
                .targetKeyId(key.keyId())
                .build(), s.opts());
        return new RegionalKey(key, alias);
    }

    static Output<String> policy(RegionScope s) {
        String region = s.name();
        Output<String> root = s.iamArn("root");
        List<String> crypto = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey");
        List<Map<String, Object>> statements = List.of(
                obj("Sid", "AccountAdministersKey", "Effect", "Allow", "Principal", obj("AWS", root),
                        "Action", List.of("kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
                                "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
                                "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"),
                        "Resource", "*"),
                obj("Sid", "AccountUsesKeyThroughNamedServices", "Effect", "Allow", "Principal", obj("AWS", root),
                        "Action", List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                "kms:DescribeKey", "kms:CreateGrant"),
                        "Resource", "*",
                        "Condition", obj("StringEquals", obj("kms:ViaService",
                                VIA_SERVICES.stream().map(v -> v + "." + region + ".amazonaws.com").toList()))),
                obj("Sid", "CloudWatchLogsEncryptsLogGroups", "Effect", "Allow",
                        "Principal", obj("Service", "logs." + region + ".amazonaws.com"),
                        "Action", crypto, "Resource", "*",
                        "Condition", obj("ArnLike", obj("kms:EncryptionContext:aws:logs:arn",
                                s.arn("logs", "log-group:*")))),
                obj("Sid", "CloudTrailEncryptsLogs", "Effect", "Allow",
                        "Principal", obj("Service", "cloudtrail.amazonaws.com"),
                        "Action", List.of("kms:GenerateDataKey*", "kms:DescribeKey"), "Resource", "*",
                        "Condition", obj("StringLike", obj("kms:EncryptionContext:aws:cloudtrail:arn",
                                s.accountId().applyValue(a -> "arn:aws:cloudtrail:*:" + a + ":trail/*")))),
                obj("Sid", "CloudWatchAlarmsPublishToEncryptedTopics", "Effect", "Allow",
                        "Principal", obj("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"), "Resource", "*"),
                obj("Sid", "AutoScalingLaunchesEncryptedVolumes", "Effect", "Allow",
                        "Principal", obj("AWS", s.iamArn("role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")),
                        "Action", crypto, "Resource", "*"),
                obj("Sid", "AutoScalingGrantsForAttachedVolumes", "Effect", "Allow",
                        "Principal", obj("AWS", s.iamArn("role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")),
                        "Action", "kms:CreateGrant", "Resource", "*",
                        "Condition", obj("Bool", obj("kms:GrantIsForAWSResource", "true"))));
        return Json.render(obj("Version", Policies.VERSION, "Statement", statements));
    }
}
