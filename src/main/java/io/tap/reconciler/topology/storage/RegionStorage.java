package io.tap.reconciler.topology.storage;

import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.rds.Instance;

import java.util.List;

/**
 * One region's storage.
 *
 * @param data         application data bucket (replication source in the primary, destination elsewhere)
 * @param audit        CloudTrail and AWS Config delivery bucket; only in the primary region, else {@code null}
 * @param database     the regional PostgreSQL primary
 * @param replicas     its read replicas
 * @param sessionTable the DynamoDB session table
 */
public record RegionStorage(Buckets.HardenedBucket data, Buckets.HardenedBucket audit, Instance database,
                            List<Instance> replicas, Table sessionTable) {
}
