package io.tap.reconciler.validation;

import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monitoring and compute checks against moto. AWS Config allows one recorder per region and account,
 * so these tests use a region no other test class touches and toggle its recorder in one test.
 */
@ExtendWith(MotoExtension.class)
class MonitoringComputeChecksIT {

    private static final String REGION = "ap-northeast-3";

    private static MotoEstate estate;
    private static MotoEstate.Region region;
    private static AwsClients aws;

    @BeforeAll
    static void arrange(MotoServer moto) {
        estate = new MotoEstate(moto, REGION);
        region = estate.region(REGION, "10.95.0.0/16").network().securityGroups().alarms().autoScalingGroup().lambda().trail();
        aws = new AwsClients(moto.awsProperties());
    }

    @AfterAll
    static void close() {
        aws.close();
        estate.close();
    }

    @Test
    void aLoggingMultiRegionTrailWithValidationPassesAndAStoppedOneFails() {
        assertThat(new CloudTrailCheck(REGION).run(estate.outputs(), aws).status()).isEqualTo(CheckStatus.PASS);
        String bucket = region.physical("s3", "trail2").toLowerCase();
        region.createBucket(bucket);
        String trail = region.physical("cloudtrail", "weak");
        region.cloudTrail().createTrail(r -> r.name(trail).s3BucketName(bucket).isMultiRegionTrail(false)
                .enableLogFileValidation(false));

        CheckResult result = new CloudTrailCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.CLOUDTRAIL_NAME, trail), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("Trail " + trail + " is not logging, has log-file validation off, is not multi-region.");
    }

    @Test
    void aRecordingRecorderWithTheExpectedRulesPassesThenAMissingRuleAndAStoppedRecorderFail() {
        region.configRecorder();
        List<String> expected = MotoEstate.CONFIG_RULES;
        assertThat(new ConfigRecorderCheck(REGION, expected).run(estate.outputs(), aws).status()).isEqualTo(CheckStatus.PASS);

        CheckResult missingRule = new ConfigRecorderCheck(REGION, List.of("CLOUD_TRAIL_ENABLED", "IAM_ROOT_ACCESS_KEY_CHECK"))
                .run(estate.outputs(), aws);
        String recorder = region.config().describeConfigurationRecorders(r -> { }).configurationRecorders().get(0).name();
        region.config().stopConfigurationRecorder(r -> r.configurationRecorderName(recorder));
        CheckResult stopped = new ConfigRecorderCheck(REGION, expected).run(estate.outputs(), aws);
        region.config().startConfigurationRecorder(r -> r.configurationRecorderName(recorder));

        assertThat(missingRule.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(missingRule.evidence()).isEqualTo("Recorder is recording but rules are missing: [IAM_ROOT_ACCESS_KEY_CHECK].");
        assertThat(stopped.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(stopped.evidence()).isEqualTo("AWS Config recorder " + recorder + " is not recording.");
    }

    @Test
    void alarmsNotifyingSnsPassAndAnAlarmWithoutActionsOrAMissingOneFails() {
        assertThat(new AlarmsCheck(REGION).run(estate.outputs(), aws).status()).isEqualTo(CheckStatus.PASS);
        String silent = region.physical("alarm", "silent");
        region.cloudWatch().putMetricAlarm(r -> r.alarmName(silent).namespace("TAP/Security").metricName("RootUsage")
                .statistic(Statistic.SUM).period(300).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
        String absent = region.physical("alarm", "absent");

        CheckResult result = new AlarmsCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.ALARM_NAMES,
                List.of(region.alarm, silent, absent)), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("alarm " + silent + " has no SNS action; alarm " + absent + " does not exist.");
    }

    @Test
    void anEncryptedTopicPassesAndAPlainOneFails() {
        assertThat(new SnsEncryptionCheck(REGION).run(estate.outputs(), aws).status()).isEqualTo(CheckStatus.PASS);
        String plain = region.sns().createTopic(r -> r.name(region.physical("sns", "plain"))).topicArn();

        CheckResult result = new SnsEncryptionCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.ALERTS_TOPIC_ARN, plain), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("Topic " + plain + " is not encrypted.");
    }

    @Test
    void anAsgAtItsMinimumPassesAndOneBelowItFails() {
        CheckResult ok = new AutoScalingCheck(REGION).run(estate.outputs(), aws);
        assertThat(ok.status()).isEqualTo(CheckStatus.PASS);
        assertThat(ok.evidence()).contains("2 healthy InService instances (min 2)");

        String asg = region.physical("asg", "short");
        region.autoScaling().createAutoScalingGroup(r -> r.autoScalingGroupName(asg).minSize(2).maxSize(6).desiredCapacity(2)
                .launchTemplate(t -> t.launchTemplateName(region.physical("lt", "app")))
                .vpcZoneIdentifier(String.join(",", region.privateSubnets)));
        String instance = region.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(asg))
                .autoScalingGroups().get(0).instances().get(0).instanceId();
        region.autoScaling().setInstanceHealth(r -> r.instanceId(instance).healthStatus("Unhealthy")
                .shouldRespectGracePeriod(false));
        CheckResult result = new AutoScalingCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.ASG_NAME, asg), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("has 1 healthy InService instances, below its minimum 2");
    }

    @Test
    void aLambdaInTheVpcWithItsRolePassesAndOneOutsideTheVpcWithAnotherRoleFails() {
        assertThat(new LambdaCheck(REGION).run(estate.outputs(), aws).status()).isEqualTo(CheckStatus.PASS);
        String fn = region.physical("lambda", "stray");
        String otherRole = region.iam().createRole(r -> r.roleName(region.physical("role", "stray")).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                        + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        region.lambdaClient().createFunction(r -> r.functionName(fn).runtime(Runtime.PYTHON3_12).role(otherRole)
                .handler("index.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(MotoEstate.zip()))));

        CheckResult result = new LambdaCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.LAMBDA_FUNCTION_NAME, fn), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("Lambda " + fn + " runs outside any VPC, has role " + otherRole
                + " instead of " + region.roleArn + ".");
    }
}
