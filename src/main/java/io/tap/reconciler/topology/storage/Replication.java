package io.tap.reconciler.topology.storage;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.s3.BucketReplicationConfig;
import com.pulumi.aws.s3.BucketReplicationConfigArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDeleteMarkerReplicationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDestinationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleSourceSelectionCriteriaArgs;
import com.pulumi.aws.s3.inputs.BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs;
import com.pulumi.resources.Resource;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.security.Policies;
import io.tap.reconciler.topology.security.RegionSecurity;
import io.tap.reconciler.topology.security.Roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cross-region replication of the primary data bucket into every other region's data bucket,
 * re-encrypting with the destination region's key, through its own least-privilege role.
 */
public final class Replication {

    /** A region's storage and security, as a replication source or destination. */
    public record Site(RegionScope scope, RegionStorage storage, RegionSecurity security) {
    }

    private Replication() {
    }

    /** The replication role, trusted only by S3; created in the primary region. */
    public static Role role(RegionScope primary) {
        return Roles.role(primary, "s3-replication", "s3.amazonaws.com", "Replicates the primary data bucket to the other regions");
    }

    /** The role's policy and the primary bucket's replication configuration; nothing when there is one region. */
    public static BucketReplicationConfig configure(Site source, List<Site> destinations, Role role) {
        if (destinations.isEmpty()) {
            return null;
        }
        RegionScope s = source.scope();
        var src = source.storage().data().bucket();
        List<Object> destObjects = new ArrayList<>();
        List<Object> destKeys = new ArrayList<>();
        for (Site d : destinations) {
            destObjects.add(d.storage().data().bucket().arn().applyValue(a -> a + "/*"));
            destKeys.add(d.security().key().key().arn());
        }
        List<Map<String, Object>> statements = List.of(
                Policies.allow("ReadSourceConfiguration", List.of("s3:GetReplicationConfiguration", "s3:ListBucket"),
                        List.of(src.arn())),
                Policies.allow("ReadSourceVersions", List.of("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                        "s3:GetObjectVersionTagging"), List.of(src.arn().applyValue(a -> a + "/*"))),
                Policies.allow("WriteReplicas", List.of("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"),
                        destObjects),
                Policies.allow("DecryptWithSourceKey", List.of("kms:Decrypt"), List.of(source.security().key().key().arn())),
                Policies.allow("EncryptWithDestinationKeys", List.of("kms:Encrypt", "kms:GenerateDataKey"), destKeys));
        var policy = Roles.inline(s, role, "s3-replication", statements);

        var rules = new ArrayList<BucketReplicationConfigRuleArgs>();
        var dependsOn = new ArrayList<Resource>(List.of(policy, source.storage().data().versioning()));
        for (int i = 0; i < destinations.size(); i++) {
            Site d = destinations.get(i);
            dependsOn.add(d.storage().data().versioning());
            rules.add(BucketReplicationConfigRuleArgs.builder()
                    .id("to-" + d.scope().name())
                    .priority(i + 1)
                    .status("Enabled")
                    .filter(BucketReplicationConfigRuleFilterArgs.builder().prefix("").build())
                    .deleteMarkerReplication(BucketReplicationConfigRuleDeleteMarkerReplicationArgs.builder().status("Enabled").build())
                    .sourceSelectionCriteria(BucketReplicationConfigRuleSourceSelectionCriteriaArgs.builder()
                            .sseKmsEncryptedObjects(BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs.builder()
                                    .status("Enabled").build())
                            .build())
                    .destination(BucketReplicationConfigRuleDestinationArgs.builder()
                            .bucket(d.storage().data().bucket().arn())
                            .storageClass("STANDARD")
                            .encryptionConfiguration(BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs.builder()
                                    .replicaKmsKeyId(d.security().key().key().arn()).build())
                            .build())
                    .build());
        }
        return new BucketReplicationConfig(s.logical("s3-tap-data-replication"), BucketReplicationConfigArgs.builder()
                .bucket(src.id())
                .role(role.arn())
                .rules(rules)
                .build(), s.opts(dependsOn.toArray(Resource[]::new)));
    }
}
