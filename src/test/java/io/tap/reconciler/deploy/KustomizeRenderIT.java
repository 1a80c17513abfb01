package io.tap.reconciler.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** kustomize renders the base and the prod overlay; the output parses strictly and keeps every invariant. */
class KustomizeRenderIT {

    private final ExternalTool kustomize = ExternalTool.require("kustomize", "kustomize-",
            "`.ci/install-kustomize.sh` (go install sigs.k8s.io/kustomize/kustomize/v5@v5.7.1) and put its output dir on PATH");

    List<HasMetadata> render(String dir) {
        // The ConfigMap comes from the root application.yml, outside the kustomization root.
        ExternalTool.Result result = kustomize.run(RepoFiles.ROOT, "build", "--load-restrictor", "LoadRestrictionsNone", dir);
        assertThat(result.exitCode()).as("kustomize build %s: %s", dir, result.stderr()).isZero();
        return StrictManifestParser.parseAll(result.stdout(), "kustomize build " + dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/prod"})
    void renderedOutputParsesStrictlyAndKeepsEveryInvariant(String dir) {
        List<HasMetadata> resources = render(dir);
        new DeploymentInvariants(resources).checkAll();
        String namespace = new DeploymentInvariants(resources).one(Namespace.class).getMetadata().getName();
        assertThat(resources).filteredOn(r -> !(r instanceof Namespace))
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).as(r.getKind()).isEqualTo(namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/prod"})
    void configMapContentEqualsTheRootApplicationYmlAndIsTheOneMounted(String dir) {
        DeploymentInvariants rendered = new DeploymentInvariants(render(dir));
        ConfigMap config = rendered.one(ConfigMap.class);
        assertThat(config.getData()).containsOnlyKeys("application.yml");
        assertThat(config.getData().get("application.yml")).isEqualTo(RepoFiles.read(RepoFiles.APPLICATION_YML));
        assertThat(config.getMetadata().getName()).as("hash suffix rolls the pod on config change")
                .matches("tap-reconciler-config-[a-z0-9]{10}");
        assertThat(rendered.volumeMountedAt("/app/config").getConfigMap().getName()).isEqualTo(config.getMetadata().getName());
    }

    @org.junit.jupiter.api.Test
    void prodOverlaySetsARegistryImageAndTheRealRoleArn() {
        DeploymentInvariants prod = new DeploymentInvariants(render("k8s/overlays/prod"));
        assertThat(prod.container().getImage()).matches("[a-z0-9.-]+\\.[a-z]+/[a-z0-9/_-]+:\\d+\\.\\d+\\.\\d+");
        assertThat(prod.one(ServiceAccount.class).getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"))
                .isNotEqualTo(new DeploymentInvariants(render("k8s/base")).one(ServiceAccount.class)
                        .getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"));
        Deployment deployment = prod.deployment();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("memory"))
                .hasToString("4Gi");
    }

    @org.junit.jupiter.api.Test
    void withoutTheLoadRestrictorFlagKustomizeRefusesTheRootFile() {
        ExternalTool.Result result = kustomize.run(RepoFiles.ROOT, "build", "k8s/base");
        assertThat(result.exitCode()).as("documented: the flag is required").isNotZero();
        assertThat(result.stderr()).contains("application.yml");
    }

}
