package io.tap.reconciler.support.aws;

import io.tap.reconciler.config.AwsProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A moto server for {@code *IT} tests.
 *
 * <p>{@link #shared()} is the one most tests use: the server at {@code TAP_TEST_MOTO_ENDPOINT} (environment
 * or system property, default {@code http://127.0.0.1:5000}) when it answers — {@code .ci/run} starts
 * that one — otherwise a {@code moto_server} this JVM starts on a free loopback port and stops on exit.
 * Other test classes, and other engineers' JVMs, may use the same server at the same time: create
 * resources with {@link #uniqueName(String)} and never reset it.
 *
 * <p>{@link #startPrivate()} starts a server of one's own that may be {@link #stop() stopped},
 * {@link #restart() restarted} (same port, empty state) and {@link #reset() reset} — for tests about
 * an endpoint going away. Close it when done.
 *
 * <p>A missing {@code moto_server} fails the test with the install hint.
 */
public final class MotoServer implements AutoCloseable {

    /** The install hint given when moto is missing. */
    public static final String INSTALL_HINT = "pip install \"moto[server]\"";
    /** Account id moto uses for every ARN. */
    public static final String ACCOUNT_ID = "123456789012";
    /** Dummy credentials; moto accepts any. */
    public static final String ACCESS_KEY = "testing";

    private static final String ENDPOINT_VARIABLE = "TAP_TEST_MOTO_ENDPOINT";
    private static final String DEFAULT_ENDPOINT = "http://127.0.0.1:5000";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static MotoServer shared;

    private final URI endpoint;
    private final boolean owned;
    private final int port;
    private final String executable;
    private Process process;
    private Path log;

    private MotoServer(URI endpoint, boolean owned, int port, String executable) {
        this.endpoint = endpoint;
        this.owned = owned;
        this.port = port;
        this.executable = executable;
    }

    /** The moto server shared by all tests of this JVM; started on first use when none answers. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            useDummyCredentials();
            URI configured = URI.create(configuredEndpoint());
            if (answers(configured)) {
                shared = external(configured);
            } else {
                MotoServer started = startOnFreePort();
                Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "moto-server-stop"));
                shared = started;
            }
        }
        return shared;
    }

    /** A server someone else started; it may not be stopped or reset from here. */
    static MotoServer external(URI endpoint) {
        return new MotoServer(endpoint, false, endpoint.getPort(), null);
    }

    /** A moto server of the caller's own, on a free port; stop it with {@link #close()}. */
    public static MotoServer startPrivate() {
        useDummyCredentials();
        return startOnFreePort();
    }

    /** The endpoint to give SDK clients ({@code endpointOverride}). */
    public URI endpoint() {
        return endpoint;
    }

    /** True when this JVM started the server (so it may stop, restart or reset it). */
    public boolean owned() {
        return owned;
    }

    /** {@code tap.aws} settings pointing the service's own clients at this server. */
    public AwsProperties awsProperties() {
        return new AwsProperties(endpoint, Duration.ofSeconds(10));
    }

    /** Points an SDK client builder at this server with a region and dummy static credentials. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region) {
        return builder.region(Region.of(region))
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)));
    }

    /** A name no other test, class or JVM uses: {@code prefix-<random>}, valid for SNS, SQS and S3. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** Stops the server (owned servers only). Its port stays reserved for {@link #restart()}. */
    public synchronized void stop() {
        requireOwned("stop");
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts a stopped owned server again on the same port; its state starts empty. */
    public synchronized void restart() {
        requireOwned("restart");
        stop();
        launch();
    }

    /**
     * Clears all moto state. Only for an owned server: the shared one may hold other tests' resources
     * (use {@link #uniqueName(String)} there instead).
     */
    public void reset() {
        requireOwned("reset");
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("moto reset answered " + r.statusCode());
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (owned) stop();
    }

    @Override
    public String toString() {
        return "moto " + endpoint + (owned ? " (started by this JVM)" : " (external)");
    }

    private static String configuredEndpoint() {
        String value = System.getProperty(ENDPOINT_VARIABLE, System.getenv(ENDPOINT_VARIABLE));
        return value == null || value.isBlank() ? DEFAULT_ENDPOINT : value.strip();
    }

    /**
     * Tests never reach real AWS, and the service's clients use the SDK's default chain; its first
     * link is these system properties, so dummy values here also shadow any real credentials in the
     * environment.
     */
    private static void useDummyCredentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", ACCESS_KEY);
    }

    private static MotoServer startOnFreePort() {
        return startOnFreePort(System.getenv("PATH"));
    }

    /** Starts moto found on {@code pathVariable}; package-private so a test can prove the install hint. */
    static MotoServer startOnFreePort(String pathVariable) {
        String executable = findExecutable("moto_server", pathVariable);
        if (executable == null) {
            throw new IllegalStateException("moto_server is not on PATH and no moto server answers at "
                    + configuredEndpoint() + ". Install it with: " + INSTALL_HINT
                    + " (or set " + ENDPOINT_VARIABLE + " to a running server)");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            MotoServer server = new MotoServer(URI.create("http://127.0.0.1:" + port), true, port, executable);
            try {
                server.launch();
                return server;
            } catch (IllegalStateException e) {
                server.stop();
                last = e; // another process took the port between probe and bind; try another
            }
        }
        throw last;
    }

    private synchronized void launch() {
        try {
            log = Files.createTempFile("moto-" + port + "-", ".log");
            process = new ProcessBuilder(List.of(executable, "-H", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start moto_server: " + e.getMessage() + "; " + INSTALL_HINT, e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + log);
            }
            if (answers(endpoint)) return;
            sleep(200);
        }
        throw new IllegalStateException("moto_server did not answer on " + endpoint + " within " + START_TIMEOUT + "; see " + log);
    }

    private void requireOwned(String action) {
        if (!owned) {
            throw new IllegalStateException("cannot " + action + " the external moto server " + endpoint
                    + ": other tests use it; use MotoServer.startPrivate() for a server of your own");
        }
    }

    private static boolean answers(URI endpoint) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String findExecutable(String name, String path) {
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
