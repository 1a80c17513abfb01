package io.tap.reconciler.topology.monitoring;

import com.pulumi.aws.cfg.Recorder;
import com.pulumi.aws.cfg.Rule;
import com.pulumi.aws.cloudtrail.Trail;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.sns.Topic;

import java.util.List;
import java.util.Map;

/**
 * One region's monitoring.
 *
 * @param alertTopic   KMS-encrypted SNS topic every alarm of the region notifies
 * @param appLogGroup  the application's log group
 * @param flowLogGroup where the VPC flow logs go
 * @param flowLog      the VPC's flow log
 * @param recorder     AWS Config recorder
 * @param configRules  managed rule identifier (e.g. {@code s3-bucket-ssl-requests-only}) → rule
 * @param trail        the multi-region trail; only in the primary region, else {@code null}
 * @param alarms       security alarms on the trail's metric filters; only in the primary region
 */
public record RegionMonitoring(Topic alertTopic, LogGroup appLogGroup, LogGroup flowLogGroup, FlowLog flowLog,
                               Recorder recorder, Map<String, Rule> configRules, Trail trail, List<MetricAlarm> alarms) {
}
