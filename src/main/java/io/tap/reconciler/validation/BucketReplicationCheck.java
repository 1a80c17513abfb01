package io.tap.reconciler.validation;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The primary data bucket has an enabled replication rule to each other region's data bucket. */
final class BucketReplicationCheck extends RegionalCheck {

    BucketReplicationCheck(String region) {
        super("storage.replication", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String bucket = outputs.get(region(), OutputKeys.DATA_BUCKET_NAME);
        Map<String, String> replicas = outputs.others(region(), OutputKeys.DATA_BUCKET_NAME);
        if (replicas.isEmpty()) {
            return Verdict.pass("Single-region stack: no replication expected.");
        }
        ReplicationConfiguration config;
        try {
            config = aws.s3(region()).getBucketReplication(r -> r.bucket(bucket)).replicationConfiguration();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null
                    && "ReplicationConfigurationNotFoundError".equals(e.awsErrorDetails().errorCode())) {
                return Verdict.fail("Bucket " + bucket + " has no replication configuration.");
            }
            throw e;
        }
        Set<String> enabledTargets = config.rules().stream().filter(r -> r.status() == ReplicationRuleStatus.ENABLED)
                .map(ReplicationRule::destination).filter(d -> d != null && d.bucket() != null)
                .map(d -> d.bucket().replaceFirst("^arn:aws[a-z-]*:s3:::", "")).collect(Collectors.toSet());
        List<String> missing = replicas.values().stream().filter(b -> !enabledTargets.contains(b)).sorted().toList();
        return missing.isEmpty()
                ? Verdict.pass("Bucket " + bucket + " replicates to " + replicas.values() + " with enabled rules.")
                : Verdict.fail("Bucket " + bucket + " has no enabled replication rule to " + missing + ".");
    }
}
