package io.tap.reconciler.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs a command-line tool the deployment tests need; a missing tool fails with an install hint. */
record ExternalTool(Path executable) {

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Looks on PATH, then in the CI tools cache sub-directories whose name starts with {@code cacheDirPrefix}. */
    static ExternalTool require(String name, String cacheDirPrefix, String installHint) {
        Optional<Path> onPath = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
        if (onPath.isPresent()) {
            return new ExternalTool(onPath.get());
        }
        Path cache = Path.of(System.getenv().getOrDefault("TAP_TOOLS_DIR",
                System.getProperty("user.home") + "/.cache/tap-reconciler/tools"));
        if (cacheDirPrefix != null && Files.isDirectory(cache)) {
            try (var dirs = Files.list(cache)) {
                Optional<Path> cached = dirs.filter(d -> d.getFileName().toString().startsWith(cacheDirPrefix))
                        .sorted(java.util.Comparator.reverseOrder())
                        .map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
                if (cached.isPresent()) {
                    return new ExternalTool(cached.get());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        throw new AssertionError(name + " is not installed (not on PATH, not in " + cache + "). Install it: "
                + installHint + " — or run `bash .ci/run`, which does.");
    }

    Result run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("tool-out", ".txt");
            Path err = Files.createTempFile("tool-err", ".txt");
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
