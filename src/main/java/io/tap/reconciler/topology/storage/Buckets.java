package io.tap.reconciler.topology.storage;

import com.pulumi.aws.kms.Key;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import io.tap.reconciler.topology.RegionScope;
import io.tap.reconciler.topology.naming.AwsService;
import io.tap.reconciler.topology.security.Policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * S3 buckets that are private by construction: versioned, SSE-KMS with the regional key and
 * bucket keys, all public access blocked, ACLs disabled, and a policy that denies non-TLS requests.
 */
public final class Buckets {

    /** A bucket and the resources that harden it. */
    public record HardenedBucket(BucketV2 bucket, BucketVersioningV2 versioning, BucketPublicAccessBlock publicAccessBlock,
                                 BucketPolicy policy) {
    }

    private Buckets() {
    }

    /**
     * A hardened bucket {@code identifier}; {@code extraStatements} receives the bucket ARN and
     * returns statements to add after the TLS denial.
     */
    public static HardenedBucket create(RegionScope s, String identifier, Key key,
                                        Function<Output<String>, List<Map<String, Object>>> extraStatements) {
        String id = "s3-" + identifier;
        var bucket = new BucketV2(s.logical(id), BucketV2Args.builder()
                .bucket(s.physical(AwsService.S3_BUCKET, identifier))
                .tags(s.tags(AwsService.S3_BUCKET, identifier))
                .build(), s.opts());
        var versioning = new BucketVersioningV2(s.logical(id + "-versioning"), BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), s.opts());
        new BucketServerSideEncryptionConfigurationV2(s.logical(id + "-encryption"),
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                                .sseAlgorithm("aws:kms")
                                                .kmsMasterKeyId(key.arn())
                                                .build())
                                .bucketKeyEnabled(true)
                                .build())
                        .build(), s.opts());
        var pab = new BucketPublicAccessBlock(s.logical(id + "-public-access-block"), BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), s.opts());
        new BucketOwnershipControls(s.logical(id + "-ownership"), BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), s.opts());
        var statements = new ArrayList<Map<String, Object>>();
        statements.add(Policies.denyInsecureTransport("s3:*",
                List.of(bucket.arn(), bucket.arn().applyValue(a -> a + "/*"))));
        statements.addAll(extraStatements.apply(bucket.arn()));
        var policy = new BucketPolicy(s.logical(id + "-policy"), BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(Policies.document(statements))
                .build(), s.opts(pab));
        return new HardenedBucket(bucket, versioning, pab, policy);
    }
}
