package io.tap.reconciler.validation;

import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database checks against moto. moto does not report a replica's replication status, so the
 * "replicating" arrangements use {@link RdsReplicationStub} (WireMock in the RDS Query protocol,
 * proxying everything else to moto); the replica lag comes from moto's CloudWatch.
 */
@ExtendWith(MotoExtension.class)
class DatabaseChecksIT {

    private static final String REGION = "eu-west-3";
    private static final Duration MAX_LAG = Duration.ofSeconds(300);

    private static MotoEstate estate;
    private static MotoEstate.Region region;
    private static AwsClients aws;

    @BeforeAll
    static void arrange(MotoServer moto) {
        estate = new MotoEstate(moto, REGION);
        region = estate.region(REGION, "10.91.0.0/16").database();
        aws = new AwsClients(moto.awsProperties());
    }

    @AfterAll
    static void close() {
        aws.close();
        estate.close();
    }

    @Test
    void anAvailableEncryptedMultiAzPrimaryPasses() {
        CheckResult result = new RdsPrimaryCheck(REGION).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains(region.dbId).contains("Multi-AZ");
    }

    @Test
    void anUnencryptedSingleAzPrimaryFails() {
        String id = region.physical("rds", "plain").toLowerCase();
        region.rds().createDBInstance(r -> r.dbInstanceIdentifier(id).engine("postgres").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("tap").masterUserPassword("arranged-only-123")
                .storageEncrypted(false).multiAZ(false));

        CheckResult result = new RdsPrimaryCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.RDS_INSTANCE_ID, id), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("RDS " + id + " storage is not encrypted; RDS " + id + " is not Multi-AZ.");
        assertThat(result.evidence()).doesNotContain("arranged-only-123");
    }

    @Test
    void aReplicaWhoseReplicationMotoDoesNotReportFails() {
        CheckResult result = new RdsReplicaCheck(REGION, MAX_LAG).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo(region.replicaId + " replication is not reported.");
    }

    @Test
    void aReplicatingReplicaWithSmallLagPasses(MotoServer moto) {
        lag(region.replicaId, 3.0);
        try (var stub = new RdsReplicationStub(moto).replica(region.replicaId, region.dbId, region.parameterGroup, "replicating");
             var viaStub = new AwsClients(stub.settings())) {

            CheckResult result = new RdsReplicaCheck(REGION, MAX_LAG).run(estate.outputs(), viaStub);

            assertThat(result.status()).isEqualTo(CheckStatus.PASS);
            assertThat(result.evidence()).isEqualTo("Replicating: [" + region.replicaId + " (lag 3s)].");
        }
    }

    @Test
    void aReplicatingReplicaLaggingBeyondTheBoundFails(MotoServer moto) {
        String replica = region.physical("rds", "laggy").toLowerCase();
        lag(replica, 900.0);
        try (var stub = new RdsReplicationStub(moto).replica(replica, region.dbId, region.parameterGroup, "replicating");
             var viaStub = new AwsClients(stub.settings())) {

            CheckResult result = new RdsReplicaCheck(REGION, MAX_LAG).run(
                    Outputs.with(estate.outputs(), REGION, OutputKeys.RDS_REPLICA_IDS, java.util.List.of(replica)), viaStub);

            assertThat(result.status()).as(result.evidence()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.evidence()).isEqualTo(replica + " lags 900s, above 300s.");
        }
    }

    @Test
    void aReplicaInReplicationErrorFails(MotoServer moto) {
        try (var stub = new RdsReplicationStub(moto).replica(region.replicaId, region.dbId, region.parameterGroup, "error");
             var viaStub = new AwsClients(stub.settings())) {

            CheckResult result = new RdsReplicaCheck(REGION, MAX_LAG).run(estate.outputs(), viaStub);

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.evidence()).isEqualTo(region.replicaId + " replication is error.");
        }
    }

    @Test
    void aPrimaryIsNotAReplica() {
        CheckResult result = new RdsReplicaCheck(REGION, MAX_LAG).run(
                Outputs.with(estate.outputs(), REGION, OutputKeys.RDS_REPLICA_IDS, java.util.List.of(region.dbId)), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo(region.dbId + " is not a read replica.");
    }

    @Test
    void forcedSslOnPrimaryAndReplicaPasses() {
        CheckResult result = new RdsForceSslCheck(REGION).run(estate.outputs(), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).startsWith("rds.force_ssl=1 in [" + region.parameterGroup + "]");
    }

    @Test
    void aParameterGroupWithoutForceSslFails() {
        String group = region.physical("pg", "lax").toLowerCase();
        region.rds().createDBParameterGroup(r -> r.dbParameterGroupName(group).dbParameterGroupFamily("postgres16").description("lax"));
        String id = region.physical("rds", "lax").toLowerCase();
        region.rds().createDBInstance(r -> r.dbInstanceIdentifier(id).engine("postgres").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("tap").manageMasterUserPassword(true).dbParameterGroupName(group));

        CheckResult result = new RdsForceSslCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.RDS_INSTANCE_ID, id), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo(id + " parameter group " + group + " has rds.force_ssl=unset.");
    }

    @Test
    void privateDatabasesPassAndAPubliclyAccessibleOneFails() {
        assertThat(new RdsPublicAccessCheck(REGION).run(estate.outputs(), aws).status()).isEqualTo(CheckStatus.PASS);
        String id = region.physical("rds", "open").toLowerCase();
        region.rds().createDBInstance(r -> r.dbInstanceIdentifier(id).engine("postgres").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("tap").manageMasterUserPassword(true).publiclyAccessible(true));

        CheckResult result = new RdsPublicAccessCheck(REGION).run(Outputs.with(estate.outputs(), REGION, OutputKeys.RDS_INSTANCE_ID, id), aws);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).isEqualTo("Publicly accessible: [" + id + "].");
    }

    private static void lag(String replica, double seconds) {
        region.cloudWatch().putMetricData(r -> r.namespace("AWS/RDS").metricData(MetricDatum.builder()
                .metricName("ReplicaLag").value(seconds).timestamp(Instant.now())
                .dimensions(Dimension.builder().name("DBInstanceIdentifier").value(replica).build()).build()));
    }
}
