package io.tap.reconciler.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestsParseStrictlyTest {

    @TestFactory
    Stream<DynamicTest> everyManifestUnderK8sParsesIntoTheFabric8Model() {
        List<Path> files = RepoFiles.k8sYamlFiles().stream()
                .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                .toList();
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        return files.stream().map(file -> DynamicTest.dynamicTest(RepoFiles.ROOT.relativize(file).toString(), () -> {
            List<HasMetadata> resources = StrictManifestParser.parseAll(RepoFiles.read(file), file.toString());
            assertThat(resources).isNotEmpty();
            resources.forEach(r -> assertThat(r.getMetadata().getName()).as("metadata.name in " + file).isNotBlank());
        }));
    }

    @Test
    void theBaseListsEveryManifestBesideItExceptTheSecretTemplate() {
        List<String> kinds = RepoFiles.baseResources().stream().map(HasMetadata::getKind).toList();
        assertThat(kinds).containsExactlyInAnyOrder("Namespace", "ServiceAccount", "PersistentVolumeClaim",
                "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor", "PrometheusRule");
    }

    @Test
    void aMisspeltFieldIsAnErrorNamingTheField() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 1
                """;
        assertThatThrownBy(() -> StrictManifestParser.parseAll(yaml, "inline"))
                .hasMessageContaining("replica");
    }

    @Test
    void aWrongValueTypeIsAnError() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: {many: true}
                """;
        assertThatThrownBy(() -> StrictManifestParser.parseAll(yaml, "inline")).hasMessageContaining("replicas");
    }

    @Test
    void aMisspeltFieldInsideACustomResourceIsAnError() {
        String yaml = """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: x}
                spec:
                  groups:
                    - name: g
                      rules:
                        - alert: A
                          expresion: up == 0
                """;
        assertThatThrownBy(() -> StrictManifestParser.parseAll(yaml, "inline")).hasMessageContaining("expresion");
    }

    @Test
    void kindsMapToTheirTypedModels() {
        List<HasMetadata> resources = RepoFiles.baseResources();
        assertThat(resources).hasAtLeastOneElementOfType(Deployment.class)
                .hasAtLeastOneElementOfType(ServiceMonitor.class)
                .hasAtLeastOneElementOfType(PrometheusRule.class);
    }
}
