package io.tap.reconciler.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.tap.reconciler.TapReconcilerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe and scrape paths in the manifests are served by the real application, started with the
 * root application.yml (as in the pod), on its management port — and not on the app port, so a probe
 * pointed at the wrong port would fail. Only the ports are randomised and scheduled runs are off.
 */
@SpringBootTest(classes = TapReconcilerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.port=0", "management.server.port=0", "tap.reconcile.enabled=false",
                "tap.security.tokens=ops:operator:deploy-probe-token-3f9a1c7e5b2d4f60"})
class ProbesIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int serverPort;
    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("tap-probes-");
        // application.yml derives the data dir and the file backend from TAP_DATA_DIR, as in the pod.
        registry.add("TAP_DATA_DIR", dir::toString);
    }

    private final DeploymentInvariants manifests = new DeploymentInvariants(RepoFiles.baseResources());

    HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theManifestsProbePortIsTheManagementPortOfApplicationYml() {
        assertThat(managementPort).isNotEqualTo(serverPort);
        Container container = manifests.container();
        assertThat(manifests.probePort(container.getLivenessProbe())).isEqualTo(RepoFiles.managementPort());
        assertThat(manifests.probePort(container.getReadinessProbe())).isEqualTo(RepoFiles.managementPort());
    }

    @Test
    void livenessPathIsServedUpOnTheManagementPortOnly() throws Exception {
        String path = manifests.container().getLivenessProbe().getHttpGet().getPath();
        HttpResponse<String> live = get(managementPort, path);
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(JsonMapper.shared().readTree(live.body()).path("status").asString()).isEqualTo("UP");
        assertThat(get(managementPort, manifests.container().getStartupProbe().getHttpGet().getPath()).statusCode()).isEqualTo(200);
        assertThat(get(serverPort, path).statusCode()).as("not served on the app port").isIn(401, 403, 404);
    }

    @Test
    void readinessPathIsTheReadinessGroupOnTheManagementPort() throws Exception {
        String path = manifests.container().getReadinessProbe().getHttpGet().getPath();
        HttpResponse<String> ready = get(managementPort, path);
        // 503 is a served answer too (e.g. no pulumi CLI on this machine): the kubelet reads it as not ready.
        assertThat(ready.statusCode()).as(ready.body()).isIn(200, 503);
        var body = JsonMapper.shared().readTree(ready.body());
        assertThat(body.path("status").asString()).isIn("UP", "DOWN", "OUT_OF_SERVICE");
        assertThat(body.path("components").has("readinessState")).as("the readiness group: " + ready.body()).isTrue();
        assertThat(get(serverPort, path).statusCode()).isIn(401, 403, 404);
        assertThat(get(managementPort, "/actuator/health/no-such-group").statusCode()).as("paths are not catch-all").isEqualTo(404);
    }

    @Test
    void serviceMonitorScrapePathIsOpenOnTheManagementPort() throws Exception {
        String path = manifests.one(ServiceMonitor.class).getSpec().getEndpoints().get(0).getPath();
        HttpResponse<String> scrape = get(managementPort, path);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE ").contains("tap_");
        assertThat(get(serverPort, path).statusCode()).isIn(401, 403, 404);
    }
}
