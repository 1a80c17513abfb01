package io.tap.reconciler.validation;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storage checks against moto. moto stores replication configurations but never copies objects, so the
 * write-probe tests put a WireMock server (S3 REST protocol, path-style) in front: the primary bucket
 * is proxied to moto, the replica bucket answers HEAD as AWS would once the copy has (or has not) arrived.
 */
@ExtendWith(MotoExtension.class)
class StorageChecksIT {

    private static final String PRIMARY = "eu-west-3";
    private static final String REPLICA = "eu-north-1";

    private static MotoEstate estate;
    private static AwsClients aws;

    @BeforeAll
    static void arrange(MotoServer moto) {
        estate = new MotoEstate(moto, PRIMARY);
        estate.region(PRIMARY, "10.92.0.0/16").bucket();
        estate.region(REPLICA, "10.93.0.0/16").bucket();
        estate.replicateFromPrimary();
        aws = new AwsClients(moto.awsProperties());
    }

    @AfterAll
    static void close() {
        aws.close();
        estate.close();
    }

    @Test
    void aVersionedKmsEncryptedBlockedBucketPasses() {
        CheckResult result = new BucketCheck(PRIMARY).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aBucketWithVersioningSuspendedAndNoEncryptionOrBlockFails() {
        var region = estate.region(PRIMARY);
        String bucket = region.physical("s3", "loose").toLowerCase();
        region.createBucket(bucket);
        region.s3().putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));

        CheckResult result = new BucketCheck(PRIMARY).run(Outputs.with(estate.outputs(), PRIMARY, OutputKeys.DATA_BUCKET_NAME, bucket), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("Bucket " + bucket + ": versioning is Suspended, default encryption is not "
                + "SSE-KMS, public access is not fully blocked.");
    }

    @Test
    void enabledReplicationToEveryOtherRegionPasses() {
        CheckResult result = new BucketReplicationCheck(PRIMARY).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains(estate.region(REPLICA).bucket);
    }

    @Test
    void aBucketWithoutReplicationAndOneWithADisabledRuleFail() {
        var region = estate.region(PRIMARY);
        String bucket = region.physical("s3", "unreplicated").toLowerCase();
        region.createBucket(bucket);
        region.s3().putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        StackOutputs outputs = Outputs.with(estate.outputs(), PRIMARY, OutputKeys.DATA_BUCKET_NAME, bucket);
        CheckResult none = new BucketReplicationCheck(PRIMARY).run(outputs, aws);

        String target = estate.region(REPLICA).bucket;
        region.s3().putBucketReplication(r -> r.bucket(bucket).replicationConfiguration(c -> c
                .role("arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":role/replication")
                .rules(rule -> rule.id("off").status("Disabled").priority(1).filter(f -> f.prefix(""))
                        .deleteMarkerReplication(d -> d.status("Disabled"))
                        .destination(d -> d.bucket("arn:aws:s3:::" + target)))));
        CheckResult disabled = new BucketReplicationCheck(PRIMARY).run(outputs, aws);

        assertThat(none.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(none.evidence()).isEqualTo("Bucket " + bucket + " has no replication configuration.");
        assertThat(disabled.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(disabled.evidence()).isEqualTo("Bucket " + bucket + " has no enabled replication rule to [" + target + "].");
    }

    @Test
    void aProbeThatArrivesInTheReplicaPassesAndEveryCopyIsDeletedByVersion(MotoServer moto) {
        String primaryBucket = estate.region(PRIMARY).bucket;
        String replicaBucket = estate.region(REPLICA).bucket;
        WireMockServer s3 = s3Front(moto, primaryBucket);
        s3.stubFor(head(urlPathMatching("/" + replicaBucket + "/tap-validation-probe/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("x-amz-version-id", "replica-v1")
                        .withHeader("Content-Length", "0")));
        s3.stubFor(delete(urlPathMatching("/" + replicaBucket + "/.*")).willReturn(aResponse().withStatus(204)));
        try (var viaFront = new AwsClients(settings(moto, s3))) {

            CheckResult result = probe().run(estate.outputs(), viaFront);

            assertThat(result.status()).isEqualTo(CheckStatus.PASS);
            assertThat(result.evidence()).startsWith("Probe object replicated from " + PRIMARY + " to {" + REPLICA + "=");
            s3.verify(putRequestedFor(urlPathMatching("/" + primaryBucket + "/tap-validation-probe/.*"))
                    .withHeader("x-amz-tagging", equalTo("tap-validation-probe=true")));
            s3.verify(deleteRequestedFor(urlPathMatching("/" + primaryBucket + "/tap-validation-probe/.*"))
                    .withQueryParam("versionId", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
            s3.verify(deleteRequestedFor(urlPathMatching("/" + replicaBucket + "/tap-validation-probe/.*"))
                    .withQueryParam("versionId", equalTo("replica-v1")));
            assertNoProbeLeft(primaryBucket);
        } finally {
            s3.stop();
        }
    }

    @Test
    void aProbeThatNeverArrivesFailsWithinTheBoundAndIsStillCleanedUp(MotoServer moto) {
        String primaryBucket = estate.region(PRIMARY).bucket;
        String replicaBucket = estate.region(REPLICA).bucket;
        WireMockServer s3 = s3Front(moto, primaryBucket);
        s3.stubFor(head(urlPathMatching("/" + replicaBucket + "/.*")).willReturn(aResponse().withStatus(404)));
        try (var viaFront = new AwsClients(settings(moto, s3))) {

            CheckResult result = probe().run(estate.outputs(), viaFront);

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.evidence()).isEqualTo("Probe object not in [" + REPLICA + "] within 1s.");
            assertThat(s3.findAll(com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor(
                    urlPathMatching("/" + replicaBucket + "/.*")))).hasSizeGreaterThan(1);
            assertNoProbeLeft(primaryBucket);
        } finally {
            s3.stop();
        }
    }

    private static ReplicationProbeCheck probe() {
        return new ReplicationProbeCheck(PRIMARY, "tap-validation-probe/", Duration.ofSeconds(1), Duration.ofMillis(200));
    }

    private static WireMockServer s3Front(MotoServer moto, String proxiedBucket) {
        WireMockServer s3 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        s3.start();
        s3.stubFor(any(urlPathMatching("/" + proxiedBucket + "(/.*)?")).atPriority(10)
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        return s3;
    }

    private static AwsClients.Settings settings(MotoServer moto, WireMockServer s3) {
        AwsProperties front = new AwsProperties(URI.create(s3.baseUrl()), Duration.ofSeconds(10));
        return (service, region) -> "s3".equals(service) ? front : moto.awsProperties();
    }

    /** No version and no delete marker of a probe remains in moto. */
    private static void assertNoProbeLeft(String bucket) {
        var versions = estate.region(PRIMARY).s3().listObjectVersions(r -> r.bucket(bucket).prefix("tap-validation-probe/"));
        assertThat(versions.versions()).isEmpty();
        assertThat(versions.deleteMarkers()).isEmpty();
    }
}
