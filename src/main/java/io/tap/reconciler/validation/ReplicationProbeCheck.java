package io.tap.reconciler.validation;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Opt-in write probe: puts a small, tagged object under a dedicated prefix in the primary data bucket,
 * waits until it shows up in every replica bucket (within a bound), then deletes every copy by
 * version so no delete marker or residue is left.
 */
final class ReplicationProbeCheck extends RegionalCheck {

    static final String TAG = "tap-validation-probe";

    private final String prefix;
    private final Duration bound;
    private final Duration pollInterval;

    ReplicationProbeCheck(String region, String prefix, Duration bound, Duration pollInterval) {
        super("storage.replication-probe", region, CheckSeverity.WARNING);
        this.prefix = prefix;
        this.bound = bound;
        this.pollInterval = pollInterval;
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String bucket = outputs.get(region(), OutputKeys.DATA_BUCKET_NAME);
        Map<String, String> replicas = outputs.others(region(), OutputKeys.DATA_BUCKET_NAME);
        if (replicas.isEmpty()) {
            return Verdict.pass("Single-region stack: nothing to probe.");
        }
        String key = prefix + Instant.now().getEpochSecond() + "-" + UUID.randomUUID();
        Instant start = Instant.now();
        PutObjectResponse put = aws.s3(region()).putObject(r -> r.bucket(bucket).key(key)
                        .tagging(TAG + "=true").contentType("text/plain"),
                RequestBody.fromString("tap-reconciler replication probe " + key));
        Map<String, String> arrived = new LinkedHashMap<>();
        Map<String, String> replicaVersions = new LinkedHashMap<>();
        try {
            Instant deadline = start.plus(bound);
            while (arrived.size() < replicas.size()) {
                for (var replica : replicas.entrySet()) {
                    if (!arrived.containsKey(replica.getKey())) {
                        head(aws, replica.getKey(), replica.getValue(), key).ifPresent(h -> {
                            arrived.put(replica.getKey(), Duration.between(start, Instant.now()).toMillis() + "ms");
                            replicaVersions.put(replica.getKey(), h.versionId());
                        });
                    }
                }
                if (arrived.size() == replicas.size() || !Instant.now().isBefore(deadline)) {
                    break;
                }
                sleep();
            }
        } finally {
            cleanUp(aws, bucket, key, put.versionId(), replicas, replicaVersions);
        }
        List<String> missing = new ArrayList<>(replicas.keySet());
        missing.removeAll(arrived.keySet());
        return missing.isEmpty()
                ? Verdict.pass("Probe object replicated from " + region() + " to " + arrived + ".")
                : Verdict.fail("Probe object not in " + missing + " within " + bound.toSeconds() + "s"
                + (arrived.isEmpty() ? "" : " (arrived in " + arrived + ")") + ".");
    }

    private static Optional<HeadObjectResponse> head(AwsClients aws, String region, String bucket, String key) {
        try {
            return Optional.of(aws.s3(region).headObject(r -> r.bucket(bucket).key(key)));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Best effort: a failed delete must not hide the verdict; the tag lets a lifecycle rule expire leftovers. */
    private void cleanUp(AwsClients aws, String bucket, String key, String version, Map<String, String> replicas,
                         Map<String, String> replicaVersions) {
        delete(aws, region(), bucket, key, version);
        for (var replica : replicas.entrySet()) {
            String replicaVersion = replicaVersions.get(replica.getKey());
            if (replicaVersion == null) {
                // It may still arrive after we stop waiting: look once more so a late copy is removed too.
                replicaVersion = head(aws, replica.getKey(), replica.getValue(), key).map(HeadObjectResponse::versionId)
                        .orElse(null);
            }
            if (replicaVersion != null || replicaVersions.containsKey(replica.getKey())) {
                delete(aws, replica.getKey(), replica.getValue(), key, replicaVersion);
            }
        }
    }

    private static void delete(AwsClients aws, String region, String bucket, String key, String version) {
        try {
            aws.s3(region).deleteObject(r -> r.bucket(bucket).key(key).versionId(version));
        } catch (RuntimeException ignored) {
            // left to the lifecycle rule on the probe prefix
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for replication", e);
        }
    }
}
