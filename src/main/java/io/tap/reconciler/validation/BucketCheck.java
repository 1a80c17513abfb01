package io.tap.reconciler.validation;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The region's data bucket has versioning on, SSE-KMS by default, and every public access block set. */
final class BucketCheck extends RegionalCheck {

    private static final Set<ServerSideEncryption> KMS = Set.of(ServerSideEncryption.AWS_KMS,
            ServerSideEncryption.AWS_KMS_DSSE);

    BucketCheck(String region) {
        super("storage.bucket", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String bucket = outputs.get(region(), OutputKeys.DATA_BUCKET_NAME);
        S3Client s3 = aws.s3(region());
        List<String> problems = new ArrayList<>();
        var versioning = s3.getBucketVersioning(r -> r.bucket(bucket));
        if (versioning.status() != BucketVersioningStatus.ENABLED) {
            problems.add("versioning is " + (versioning.status() == null ? "off" : versioning.statusAsString()));
        }
        List<ServerSideEncryptionRule> rules = absentAs(List.of(), "ServerSideEncryptionConfigurationNotFoundError",
                () -> s3.getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration().rules());
        if (rules.stream().noneMatch(r -> r.applyServerSideEncryptionByDefault() != null
                && KMS.contains(r.applyServerSideEncryptionByDefault().sseAlgorithm()))) {
            problems.add("default encryption is not SSE-KMS");
        }
        PublicAccessBlockConfiguration block = absentAs(null, "NoSuchPublicAccessBlockConfiguration",
                () -> s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration());
        if (block == null || !Boolean.TRUE.equals(block.blockPublicAcls()) || !Boolean.TRUE.equals(block.ignorePublicAcls())
                || !Boolean.TRUE.equals(block.blockPublicPolicy()) || !Boolean.TRUE.equals(block.restrictPublicBuckets())) {
            problems.add("public access is not fully blocked");
        }
        return problems.isEmpty()
                ? Verdict.pass("Bucket " + bucket + " is versioned, SSE-KMS encrypted and blocks public access.")
                : Verdict.fail("Bucket " + bucket + ": " + String.join(", ", problems) + ".");
    }

    /** S3 answers "not configured" with an error code; that is a finding, not an error. */
    private static <T> T absentAs(T absent, String code, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && code.equals(e.awsErrorDetails().errorCode())) {
                return absent;
            }
            throw e;
        }
    }
}
