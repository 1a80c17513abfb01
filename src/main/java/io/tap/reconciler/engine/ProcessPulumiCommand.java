package io.tap.reconciler.engine;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.StackAlreadyExistsException;
import com.pulumi.automation.StackNotFoundException;
import com.pulumi.automation.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs the pulumi CLI for one stack's workspace. Unlike the SDK's {@code LocalPulumiCommand} it
 * uses the binary we located (not whatever {@code pulumi} is first on the JVM's PATH), keeps a
 * handle on the running process so a timeout or {@link #terminate} can interrupt and then kill it
 * with its plugin children, keeps a masked stderr tail, always adds {@code --refresh} to
 * {@code up} (the Java SDK's {@code UpOptions} has no refresh switch), and drops the {@code --yes}
 * the SDK adds to {@code refresh --preview-only} (the CLI refuses the two together).
 */
final class ProcessPulumiCommand implements PulumiCommand {

    private static final Logger log = LoggerFactory.getLogger(ProcessPulumiCommand.class);

    private static final Pattern NOT_FOUND = Pattern.compile("no stack named.*found");
    private static final Pattern ALREADY_EXISTS = Pattern.compile("stack.*already exists");
    private static final String CONFLICT_TEXT = "[409] Conflict: Another update is currently in progress.";
    private static final String LOCAL_BACKEND_CONFLICT_TEXT = "the stack is currently locked by";

    private final Path cli;
    private final Version version;
    private final Map<String, String> baseEnv;
    private final SecretMasker masker;
    private final int tailLines;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile boolean terminated;

    ProcessPulumiCommand(Path cli, Version version, Map<String, String> baseEnv, SecretMasker masker, int tailLines) {
        this.cli = cli;
        this.version = version;
        this.baseEnv = Map.copyOf(baseEnv);
        this.masker = masker;
        this.tailLines = Math.max(1, tailLines);
    }

    @Override
    public Version version() {
        return version;
    }

    @Override
    public CommandResult run(List<String> args, CommandRunOptions options) throws AutomationException {
        CommandRunOptions opts = options == null ? CommandRunOptions.Empty : options;
        List<String> command = new ArrayList<>();
        command.add(cli.toString());
        command.addAll(args);
        if (!args.isEmpty() && args.get(0).equals("up") && !args.contains("--refresh")) {
            command.add("--refresh");
        }
        if (!args.isEmpty() && args.get(0).equals("refresh") && args.contains("--preview-only")) {
            // SDK 1.36.1 always sends --yes, which CLI v3.276 rejects next to --preview-only
            command.remove("--yes");
        }
        if (!command.contains("--non-interactive")) command.add("--non-interactive");

        Path eventLog = null;
        EventLogTailer tailer = null;
        try {
            if (opts.onEngineEvent() != null) {
                Path dir = Files.createTempDirectory("tap-engine-events-");
                eventLog = Files.createFile(dir.resolve("events.jsonl"));
                command.add("--event-log");
                command.add(eventLog.toString());
            }
            ProcessBuilder pb = new ProcessBuilder(command);
            if (opts.workingDir() != null) pb.directory(opts.workingDir().toFile());
            Map<String, String> env = pb.environment();
            env.putAll(baseEnv);
            if (opts.additionalEnv() != null) env.putAll(opts.additionalEnv());
            // the passphrase we resolved is the only one; a second source would make the CLI refuse
            if (env.containsKey(Passphrase.ENV)) env.remove(Passphrase.ENV + "_FILE");
            if (eventLog != null) env.put("PULUMI_DEBUG_COMMANDS", "true");
            // plugins next to the CLI (our fixture provider, bundled language hosts) win
            env.put("PATH", cli.getParent() + File.pathSeparator + env.getOrDefault("PATH", ""));

            Process process = pb.start();
            running.add(process);
            try {
                if (eventLog != null) tailer = EventLogTailer.start(eventLog, opts.onEngineEvent(), process);
                StreamPump out = StreamPump.start(process.getInputStream(), opts.onStandardOutput(), null, "stdout");
                StreamPump err = StreamPump.start(process.getErrorStream(), opts.onStandardError(), this::tail, "stderr");
                String stdin = opts.standardInput();
                try (var w = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                    if (stdin != null && !stdin.isBlank()) w.write(stdin);
                }
                int code = process.waitFor();
                CommandResult result = new CommandResult(code, out.text(), err.text());
                if (tailer != null) tailer.finish();
                if (code != 0) throw exceptionFor(result);
                return result;
            } finally {
                running.remove(process);
            }
        } catch (AutomationException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AutomationException(e);
        } catch (IOException e) {
            throw new AutomationException(e);
        } finally {
            if (tailer != null) tailer.stop();
            if (eventLog != null) deleteQuietly(eventLog);
        }
    }

    static CommandException exceptionFor(CommandResult result) {
        String err = result.standardError();
        if (NOT_FOUND.matcher(err).find()) return new StackNotFoundException(result);
        if (ALREADY_EXISTS.matcher(err).find()) return new StackAlreadyExistsException(result);
        if (err.contains(CONFLICT_TEXT) || err.contains(LOCAL_BACKEND_CONFLICT_TEXT)) {
            return new ConcurrentUpdateException(result);
        }
        return new CommandException(result);
    }

    /** Whether a process of this workspace is running now. */
    boolean isRunning() {
        return !running.isEmpty();
    }

    /** True once {@link #terminate} has stopped a run; reset by {@link #resetRun()}. */
    boolean wasTerminated() {
        return terminated;
    }

    /** Starts a new run's bookkeeping: clears the stderr tail and the terminated flag. */
    void resetRun() {
        terminated = false;
        synchronized (stderrTail) {
            stderrTail.clear();
        }
    }

    /** The last stderr lines of the current or latest run, secrets masked. */
    String stderrTail() {
        synchronized (stderrTail) {
            return masker.mask(String.join("\n", stderrTail));
        }
    }

    private void tail(String line) {
        synchronized (stderrTail) {
            stderrTail.addLast(line);
            while (stderrTail.size() > tailLines) stderrTail.removeFirst();
        }
    }

    /**
     * Stops every running process of this workspace: SIGINT first (the CLI then cancels the
     * deployment and asks providers to cancel), and after {@code grace} a forced kill of the CLI
     * and all its children (providers, language hosts).
     *
     * @return true when a process had to be killed, i.e. it may have left a lock behind
     */
    boolean terminate(Duration grace) {
        List<Process> targets = List.copyOf(running);
        if (targets.isEmpty()) return false;
        terminated = true;
        boolean killed = false;
        for (Process p : targets) {
            List<ProcessHandle> children = p.descendants().toList();
            interrupt(p.toHandle());
            try {
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("pulumi (pid {}) did not stop within {} after SIGINT; killing it and {} child process(es)",
                            p.pid(), grace, children.size());
                    killed = true;
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                killed = true;
            }
            // plugins outlive a killed CLI; a cancelled one may leave them running too
            for (ProcessHandle child : children) {
                if (child.isAlive()) child.destroyForcibly();
            }
        }
        return killed;
    }

    private static void interrupt(ProcessHandle handle) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(handle.pid()))
                    .redirectErrorStream(true).start();
            kill.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) return;
        } catch (IOException e) {
            log.debug("could not send SIGINT to {}: {}", handle.pid(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handle.destroy(); // SIGTERM when SIGINT cannot be sent
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    /** Reads a process stream on a virtual-ish daemon thread, keeping the text and feeding callbacks. */
    private static final class StreamPump {
        private final StringBuilder text = new StringBuilder();
        private final Thread thread;

        private StreamPump(InputStream in, Consumer<String> onLine, Consumer<String> tail, String name) {
            thread = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (text) {
                            text.append(line).append('\n');
                        }
                        if (tail != null) tail.accept(line);
                        if (onLine != null) onLine.accept(line);
                    }
                } catch (IOException e) {
                    log.debug("pulumi {} closed: {}", name, e.toString());
                }
            }, "pulumi-" + name);
            thread.setDaemon(true);
        }

        static StreamPump start(InputStream in, Consumer<String> onLine, Consumer<String> tail, String name) {
            StreamPump p = new StreamPump(in, onLine, tail, name);
            p.thread.start();
            return p;
        }

        String text() throws InterruptedException {
            thread.join();
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
