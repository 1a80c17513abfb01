package io.tap.reconciler.alerting;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: {@code initdb} into a temporary directory, {@code postgres}
 * on a free loopback port, trust authentication for the user {@code tap}. PostgreSQL refuses to run as
 * root, so under root it runs as {@code nobody} through {@code runuser}. Missing binaries fail the test
 * with the install hint.
 */
final class PostgresServer implements AutoCloseable {

    static final String INSTALL_HINT = "apt-get install postgresql (initdb and postgres on PATH or in /usr/lib/postgresql/<v>/bin)";

    private final Path dir;
    private final int port;
    private final Process process;

    private PostgresServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binDir();
        Path dir = Files.createTempDirectory("tap-pg-");
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) run(List.of("chown", "-R", "nobody", dir.toString()));
        run(as(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "tap", "--auth=trust",
                "-E", "UTF8", "--no-sync")));
        int port = freePort();
        Process p = new ProcessBuilder(as(root, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", dir.toString(), "-c", "fsync=off")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile()).start();
        PostgresServer server = new PostgresServer(dir, port, p);
        server.awaitReady();
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("postgres exited; see " + dir.resolve("postgres.log"));
            try (var c = DriverManager.getConnection(jdbcUrl(), "tap", "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("postgres did not accept connections; see " + dir.resolve("postgres.log"), last);
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: smart shutdown
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static List<String> as(boolean root, List<String> command) {
        if (!root) return command;
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        c.addAll(command);
        return c;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }

    private static Path binDir() throws IOException {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, "initdb")) && Files.isExecutable(Path.of(d, "postgres"))) return Path.of(d);
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> vs = Files.list(versions)) {
                for (Path v : vs.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isExecutable(v.resolve("bin/initdb"))) return v.resolve("bin");
                }
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed: " + INSTALL_HINT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
