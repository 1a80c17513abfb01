package io.tap.reconciler.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment rules every rendering of {@code k8s/} must keep (base files as written, and kustomize
 * output of base and overlays). Ports and timings come from the root application.yml.
 */
final class DeploymentInvariants {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    static final String PROMETHEUS = "/actuator/prometheus";

    private final List<HasMetadata> resources;
    private final int serverPort = RepoFiles.serverPort();
    private final int managementPort = RepoFiles.managementPort();

    DeploymentInvariants(List<HasMetadata> resources) {
        this.resources = resources;
    }

    void checkAll() {
        singleWriterDeployment();
        containerPortsMatchApplicationYml();
        probesUseActuatorGroupsOnTheManagementPort();
        securityContextIsHardened();
        imagesArePinned();
        dataDirIsAPersistentVolumeAndRootIsReadOnly();
        gracePeriodOutlastsTheServiceShutdown();
        resourcesAreBounded();
        awsCredentialsComeFromIrsaOnly();
        serviceExposesAppAndManagementPorts();
        networkPolicyAdmitsOnlyLabelledNamespaces();
        disruptionBudgetAndServiceMonitorSelectThePod();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("exactly one " + type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    Deployment deployment() {
        return one(Deployment.class);
    }

    PodSpec pod() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    Container container() {
        assertThat(pod().getContainers()).as("one container").hasSize(1);
        assertThat(pod().getInitContainers()).as("no init containers").isNullOrEmpty();
        return pod().getContainers().get(0);
    }

    Map<String, String> podLabels() {
        return deployment().getSpec().getTemplate().getMetadata().getLabels();
    }

    void singleWriterDeployment() {
        Deployment deployment = deployment();
        assertThat(deployment.getSpec().getReplicas()).as("replicas (single writer)").isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).as("strategy").isEqualTo("Recreate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate()).isNull();
        assertThat(selects(deployment.getSpec().getSelector(), podLabels())).as("Deployment selector").isTrue();
    }

    void containerPortsMatchApplicationYml() {
        assertThat(containerPort("http")).as("http port vs server.port").isEqualTo(serverPort);
        assertThat(containerPort("management")).as("management port vs management.server.port").isEqualTo(managementPort);
        assertThat(container().getPorts()).hasSize(2);
    }

    int containerPort(String name) {
        return container().getPorts().stream().filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    /** A probe's port as a number (named ports resolved through the container's ports). */
    int probePort(Probe probe) {
        IntOrString port = probe.getHttpGet().getPort();
        return port.getIntVal() != null ? port.getIntVal() : containerPort(port.getStrVal());
    }

    void probesUseActuatorGroupsOnTheManagementPort() {
        Container c = container();
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo(LIVENESS);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo(READINESS);
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo(LIVENESS);
        for (Probe probe : List.of(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe())) {
            assertThat(probePort(probe)).as("probe port").isEqualTo(managementPort);
            assertThat(probe.getHttpGet().getScheme()).isIn(null, "HTTP");
        }
    }

    void securityContextIsHardened() {
        var podContext = pod().getSecurityContext();
        assertThat(podContext.getRunAsNonRoot()).isTrue();
        assertThat(podContext.getRunAsUser()).isPositive();
        assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var context = container().getSecurityContext();
        assertThat(context.getRunAsNonRoot()).as("runAsNonRoot").isTrue();
        assertThat(context.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
        assertThat(context.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
        assertThat(context.getPrivileged()).as("privileged").isIn(null, false);
        assertThat(context.getCapabilities().getDrop()).as("capabilities.drop").containsExactly("ALL");
        assertThat(context.getCapabilities().getAdd()).as("capabilities.add").isNullOrEmpty();
        assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod().getHostNetwork()).isIn(null, false);
        assertThat(pod().getHostPID()).isIn(null, false);
        assertThat(pod().getAutomountServiceAccountToken()).as("no Kubernetes API token in the pod").isFalse();
    }

    void imagesArePinned() {
        for (Container c : pod().getContainers()) {
            String image = c.getImage();
            String lastSegment = image.substring(image.lastIndexOf('/') + 1);
            boolean digest = image.contains("@sha256:");
            boolean tagged = lastSegment.contains(":") && !lastSegment.endsWith(":latest");
            assertThat(digest || tagged).as("image %s must have a version tag other than latest, or a digest", image).isTrue();
        }
    }

    void dataDirIsAPersistentVolumeAndRootIsReadOnly() {
        Container c = container();
        String dataDir = c.getEnv().stream().filter(e -> e.getName().equals("TAP_DATA_DIR")).findFirst()
                .orElseThrow(() -> new AssertionError("TAP_DATA_DIR is not set")).getValue();
        Volume data = volumeMountedAt(dataDir);
        assertThat(data.getPersistentVolumeClaim()).as("data dir volume is a PVC").isNotNull();
        String claim = data.getPersistentVolumeClaim().getClaimName();
        assertThat(all(PersistentVolumeClaim.class)).as("PVC " + claim)
                .anySatisfy(pvc -> {
                    assertThat(pvc.getMetadata().getName()).isEqualTo(claim);
                    assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
                });
        assertThat(volumeMountedAt("/tmp").getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
        Volume config = volumeMountedAt("/app/config");
        assertThat(config.getConfigMap().getName()).startsWith("tap-reconciler-config");
        assertThat(mount("/app/config").getReadOnly()).isTrue();
    }

    VolumeMount mount(String path) {
        return container().getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + path));
    }

    Volume volumeMountedAt(String path) {
        String name = mount(path).getName();
        return pod().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    void gracePeriodOutlastsTheServiceShutdown() {
        long grace = RepoFiles.worstCaseShutdown().toSeconds();
        assertThat(pod().getTerminationGracePeriodSeconds()).as("terminationGracePeriodSeconds vs worst-case shutdown %ss", grace)
                .isGreaterThan(grace);
    }

    void resourcesAreBounded() {
        var resourcesOf = container().getResources();
        for (String kind : List.of("cpu", "memory")) {
            Quantity request = resourcesOf.getRequests().get(kind);
            Quantity limit = resourcesOf.getLimits().get(kind);
            assertThat(request).as("request " + kind).isNotNull();
            assertThat(limit).as("limit " + kind).isNotNull();
            assertThat(request.getNumericalAmount()).as(kind + " request <= limit")
                    .isLessThanOrEqualTo(limit.getNumericalAmount());
        }
    }

    void awsCredentialsComeFromIrsaOnly() {
        ServiceAccount account = one(ServiceAccount.class);
        assertThat(pod().getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(account.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"))
                .matches("arn:aws:iam::\\d{12}:role/PROD-tap-reconciler-operator");
        Set<String> env = container().getEnv().stream().map(e -> e.getName()).collect(Collectors.toSet());
        assertThat(env).doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
    }

    void serviceExposesAppAndManagementPorts() {
        Service service = one(Service.class);
        assertThat(service.getSpec().getSelector()).isNotEmpty();
        assertThat(podLabels()).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(servicePort(service, "http").getPort()).isEqualTo(serverPort);
        assertThat(servicePort(service, "management").getPort()).isEqualTo(managementPort);
        for (ServicePort port : service.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort();
            int resolved = target.getIntVal() != null ? target.getIntVal() : containerPort(target.getStrVal());
            assertThat(resolved).as("targetPort of " + port.getName()).isEqualTo(port.getPort());
        }
    }

    static ServicePort servicePort(Service service, String name) {
        return service.getSpec().getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("Service has no port named " + name));
    }

    void networkPolicyAdmitsOnlyLabelledNamespaces() {
        NetworkPolicy policy = one(NetworkPolicy.class);
        assertThat(selects(policy.getSpec().getPodSelector(), podLabels())).as("NetworkPolicy selects the pod").isTrue();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        var ingress = policy.getSpec().getIngress();
        assertThat(ingress).hasSize(2).allSatisfy(rule -> {
            assertThat(rule.getFrom()).as("every ingress rule names its sources").isNotEmpty();
            assertThat(rule.getPorts()).hasSize(1);
        });
        Map<Integer, List<NetworkPolicyPeer>> sourcesByPort = ingress.stream().collect(Collectors.toMap(
                rule -> policyPort(rule.getPorts().get(0)), rule -> rule.getFrom()));
        assertThat(sourcesByPort).containsOnlyKeys(serverPort, managementPort);
        assertThat(sourcesByPort.get(serverPort)).singleElement().satisfies(peer -> {
            assertThat(peer.getIpBlock()).isNull();
            assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("tap.io/reconciler-client", "true");
        });
        assertThat(sourcesByPort.get(managementPort)).singleElement().satisfies(peer -> {
            assertThat(peer.getIpBlock()).isNull();
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "monitoring");
        });
        Set<String> egressPorts = policy.getSpec().getEgress().stream()
                .flatMap(rule -> rule.getPorts().stream())
                .map(p -> p.getProtocol() + "/" + policyPort(p)).collect(Collectors.toSet());
        assertThat(egressPorts).containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/443");
    }

    int policyPort(NetworkPolicyPort port) {
        IntOrString value = port.getPort();
        return value.getIntVal() != null ? value.getIntVal() : containerPort(value.getStrVal());
    }

    void disruptionBudgetAndServiceMonitorSelectThePod() {
        PodDisruptionBudget budget = one(PodDisruptionBudget.class);
        assertThat(selects(budget.getSpec().getSelector(), podLabels())).as("PDB selects the pod").isTrue();

        ServiceMonitor monitor = one(ServiceMonitor.class);
        Service service = one(Service.class);
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
        assertThat(endpoint.getPath()).isEqualTo(PROMETHEUS);
        assertThat(servicePort(service, endpoint.getPort()).getPort()).as("scraped port").isEqualTo(managementPort);
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }
}
