package io.tap.reconciler.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The base manifests as written keep the deployment invariants (kustomize output: {@code KustomizeRenderIT}). */
class BaseManifestsTest {

    @Test
    void baseKeepsEveryDeploymentInvariant() {
        new DeploymentInvariants(RepoFiles.baseResources()).checkAll();
    }

    @Test
    void secretTemplateHoldsPlaceholdersOnlyAndIsTheSecretTheDeploymentReads() {
        Path template = RepoFiles.BASE.resolve("secret.template.yaml");
        Secret secret = (Secret) StrictManifestParser.parseAll(RepoFiles.read(template), template.toString()).get(0);
        assertThat(secret.getStringData()).containsKey("PULUMI_CONFIG_PASSPHRASE")
                .allSatisfy((key, value) -> assertThat(value).as(key).isEqualTo("<REPLACE_FROM_SECRET_STORE>"));
        assertThat(secret.getData()).isNullOrEmpty();
        var invariants = new DeploymentInvariants(RepoFiles.baseResources());
        assertThat(invariants.container().getEnvFrom()).singleElement()
                .satisfies(source -> {
                    assertThat(source.getSecretRef().getName()).isEqualTo(secret.getMetadata().getName());
                    assertThat(source.getSecretRef().getOptional()).as("a missing Secret must stop the pod").isIn(null, false);
                });
        assertThat(RepoFiles.read(RepoFiles.BASE.resolve("kustomization.yaml")))
                .as("the template is never deployed").doesNotContain("- secret.template.yaml");
    }

    @Test
    void noStaticAwsKeysOrSecretsAnywhereUnderK8s() throws IOException {
        Pattern accessKey = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b");
        try (var files = Files.walk(RepoFiles.K8S)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString())
                        .doesNotContainIgnoringCase("aws_secret_access_key")
                        .doesNotContainIgnoringCase("aws_access_key_id");
                assertThat(accessKey.matcher(text).find()).as("access key id in " + file).isFalse();
            }
        }
    }

    @Test
    void aBrokenInvariantIsCaught() {
        List<HasMetadata> resources = RepoFiles.baseResources();
        var invariants = new DeploymentInvariants(resources);
        invariants.container().getSecurityContext().setReadOnlyRootFilesystem(false);
        org.assertj.core.api.Assertions.assertThatThrownBy(invariants::securityContextIsHardened)
                .hasMessageContaining("readOnlyRootFilesystem");
        invariants.deployment().getSpec().getStrategy().setType("RollingUpdate");
        org.assertj.core.api.Assertions.assertThatThrownBy(invariants::singleWriterDeployment)
                .hasMessageContaining("strategy");
    }
}
