package io.tap.reconciler.validation;

import io.tap.reconciler.config.ValidationProperties;
import io.tap.reconciler.support.aws.MotoExtension;
import io.tap.reconciler.support.aws.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole catalogue against a fully arranged two-region estate in moto (replica status through
 * {@link RdsReplicationStub}, since moto does not report it).
 */
@ExtendWith(MotoExtension.class)
class ValidationRunnerIT {

    private static MotoEstate estate;
    private static RdsReplicationStub rds;
    private static AwsClients aws;

    @BeforeAll
    static void arrange(MotoServer moto) {
        estate = new MotoEstate(moto, "ca-central-1");
        estate.region("ca-central-1", "10.70.0.0/16");
        estate.region("sa-east-1", "10.71.0.0/16");
        estate.arrangeAll();
        rds = new RdsReplicationStub(moto);
        for (String name : estate.outputs().regions()) {
            var r = estate.region(name);
            rds.replica(r.replicaId, r.dbId, r.parameterGroup, "replicating");
        }
        aws = new AwsClients(rds.settings());
    }

    @AfterAll
    static void close() {
        aws.close();
        rds.close();
        estate.close();
    }

    @Test
    void everyCheckOfAFullyArrangedEstatePassesInEveryRegion() {
        try (var runner = new ValidationRunner(aws, ValidationProperties.defaults(), Clock.systemUTC())) {
            ValidationReport report = runner.run("prod", "run-1", estate.outputs());

            assertThat(report.results()).hasSize(2 * 21 + 2);
            assertThat(report.results()).filteredOn(r -> r.status() != CheckStatus.PASS).isEmpty();
            assertThat(report.results()).extracting(CheckResult::region).containsOnly("ca-central-1", "sa-east-1");
            assertThat(report.runId()).isEqualTo("run-1");
        }
    }

    @Test
    void oneBrokenPieceFailsOnlyItsCheck() {
        var sa = estate.region("sa-east-1");
        sa.s3().putBucketVersioning(r -> r.bucket(sa.bucket).versioningConfiguration(v -> v.status("Suspended")));
        try (var runner = new ValidationRunner(aws, ValidationProperties.defaults(), Clock.systemUTC())) {
            ValidationReport report = runner.run("prod", "run-2", estate.outputs());

            assertThat(report.failures()).extracting(CheckResult::key).containsExactly("storage.bucket@sa-east-1");
            assertThat(report.errors()).isEmpty();
        } finally {
            sa.s3().putBucketVersioning(r -> r.bucket(sa.bucket).versioningConfiguration(v -> v.status("Enabled")));
        }
    }
}
