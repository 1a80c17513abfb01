package io.tap.reconciler.integration;

import io.tap.reconciler.support.aws.MotoServer;
import io.tap.reconciler.validation.AwsClients;
import io.tap.reconciler.validation.MotoEstate;
import io.tap.reconciler.validation.RdsReplicationStub;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For CI: arranges a whole three-region TAP estate in moto, writes its outputs file as
 * {@code pulumi stack output --json} would, and gives the client settings to reach it (RDS through
 * {@link RdsReplicationStub}, since moto does not report replica status). Exercises {@link TapStackIT}
 * itself when no real deployment is at hand.
 */
final class MotoEstateFixture implements AutoCloseable {

    private final MotoEstate estate;
    private final RdsReplicationStub rds;
    private final Path outputsFile;

    MotoEstateFixture(Path outputsFile) {
        MotoServer moto = MotoServer.shared();
        this.estate = new MotoEstate(moto, "us-east-1");
        estate.region("us-east-1", "10.10.0.0/16");
        estate.region("us-west-2", "10.20.0.0/16");
        estate.region("ap-south-1", "10.30.0.0/16");
        estate.arrangeAll();
        this.rds = new RdsReplicationStub(moto);
        estate.replicating(rds);
        this.outputsFile = outputsFile;
        try {
            Files.createDirectories(outputsFile.toAbsolutePath().getParent());
            Files.writeString(outputsFile, JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(estate.outputs().values()));
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + outputsFile, e);
        }
    }

    Path outputsFile() {
        return outputsFile;
    }

    AwsClients clients() {
        return new AwsClients(rds.settings());
    }

    @Override
    public void close() {
        rds.close();
        estate.close();
    }
}
