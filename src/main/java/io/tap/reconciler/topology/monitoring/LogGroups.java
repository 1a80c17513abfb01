package io.tap.reconciler.topology.monitoring;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.kms.Key;
import io.tap.reconciler.topology.RegionScope;

/** CloudWatch log groups: always encrypted with the regional key and with the configured retention. */
public final class LogGroups {

    private LogGroups() {
    }

    /** The log group {@code name} (a physical name), logical name {@code <region>-log-<id>}. */
    public static LogGroup create(RegionScope s, String id, String name, Key key) {
        return new LogGroup(s.logical("log-" + id), LogGroupArgs.builder()
                .name(name)
                .kmsKeyId(key.arn())
                .retentionInDays(s.spec().logRetentionDays())
                .tags(s.tagsNamed(name))
                .build(), s.opts());
    }

    /** The log group a Lambda function writes to. */
    public static String lambdaLogGroupName(String functionName) {
        return "/aws/lambda/" + functionName;
    }
}
