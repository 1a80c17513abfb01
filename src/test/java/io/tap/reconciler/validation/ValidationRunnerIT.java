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

/** The whole catalogue against a fully arranged two-region estate in moto. */
@ExtendWith(MotoExtension.class)
class ValidationRunnerIT {

    private static MotoEstate estate;
    private static AwsClients aws;

    @BeforeAll
    static void arrange(MotoServer moto) {
        estate = new MotoEstate(moto, "ca-central-1");
        estate.region("ca-central-1", "10.70.0.0/16");
        estate.region("sa-east-1", "10.71.0.0/16");
        long t0 = System.nanoTime();
        estate.arrangeAll();
        System.out.println("ARRANGETOOK " + (System.nanoTime() - t0) / 1_000_000);
        aws = new AwsClients(moto.awsProperties());
    }

    @AfterAll
    static void close() {
        aws.close();
        estate.close();
    }

    @Test
    void everyCheckOfAFullyArrangedEstateRunsAndReportsPerRegion() {
        try (var runner = new ValidationRunner(aws, ValidationProperties.defaults(), Clock.systemUTC())) {
            ValidationReport report = runner.run("prod", "run-1", estate.outputs());
            System.out.println("RUNTOOK " + java.time.Duration.between(report.startedAt(), report.finishedAt()));
            assertThat(report.results()).hasSize(2 * 21 + 2);
        }
    }
}
