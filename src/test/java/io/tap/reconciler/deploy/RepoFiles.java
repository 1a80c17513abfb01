package io.tap.reconciler.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tap.reconciler.reconcile.ReconcileProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Paths and loaders for the deployment files, relative to the repository root (Maven's basedir). */
final class RepoFiles {

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path BASE = K8S.resolve("base");
    static final Path PROD = K8S.resolve("overlays/prod");
    static final Path APPLICATION_YML = ROOT.resolve("application.yml");

    private RepoFiles() {
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML file under {@code k8s/}. */
    static List<Path> k8sYamlFiles() {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base's resources, as listed in its kustomization.yaml, parsed strictly (no kustomize needed). */
    static List<HasMetadata> baseResources() {
        var kustomization = StrictManifestParser.documents(read(BASE.resolve("kustomization.yaml"))).get(0);
        List<HasMetadata> resources = new ArrayList<>();
        for (var entry : kustomization.path("resources")) {
            Path file = BASE.resolve(entry.asString());
            resources.addAll(StrictManifestParser.parseAll(read(file), ROOT.relativize(file).toString()));
        }
        return resources;
    }

    /**
     * The root application.yml as Spring Boot resolves it (placeholders with their defaults), so tests
     * read the same values the started service does.
     */
    static StandardEnvironment applicationConfig() {
        StandardEnvironment environment = new StandardEnvironment();
        // Only the file: an environment variable on the test machine must not change what is checked.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        try {
            new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(APPLICATION_YML))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environment;
    }

    /**
     * The longest a clean shutdown of the service may take, from application.yml (defaults included):
     * the web server's graceful phase and the scheduler's, which waits {@code tap.reconcile.shutdown-grace}
     * for running runs and the same again for cancelled engine operations to record themselves.
     */
    static Duration worstCaseShutdown() {
        var binder = org.springframework.boot.context.properties.bind.Binder.get(applicationConfig());
        ReconcileProperties reconcile = binder.bindOrCreate("tap.reconcile", ReconcileProperties.class);
        Duration perPhase = binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(Duration.ofSeconds(30));
        return perPhase.plus(reconcile.shutdownGrace().multipliedBy(2));
    }

    /** The longest stack interval in application.yml ({@code tap.stacks[n].interval}, default 5m). */
    static Duration longestStackInterval() {
        StandardEnvironment environment = applicationConfig();
        Duration longest = Duration.ZERO;
        for (int i = 0; environment.containsProperty("tap.stacks[" + i + "].name"); i++) {
            String value = environment.getProperty("tap.stacks[" + i + "].interval", "5m");
            Duration interval = DurationStyle.detectAndParse(value);
            longest = interval.compareTo(longest) > 0 ? interval : longest;
        }
        if (longest.isZero()) {
            throw new AssertionError("application.yml configures no tap.stacks");
        }
        return longest;
    }

    static int serverPort() {
        return applicationConfig().getProperty("server.port", Integer.class, 8080);
    }

    /** The management port; the service must run actuator on its own port, so it is required. */
    static int managementPort() {
        Integer port = applicationConfig().getProperty("management.server.port", Integer.class);
        if (port == null) {
            throw new AssertionError("application.yml sets no management.server.port; the probes and the "
                    + "NetworkPolicy assume actuator runs on its own port");
        }
        return port;
    }
}
