package io.tap.reconciler.engine;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.OutputValue;
import com.pulumi.automation.PreviewOptions;
import com.pulumi.automation.ProjectRuntimeName;
import com.pulumi.automation.ProjectSettings;
import com.pulumi.automation.RefreshOptions;
import com.pulumi.automation.StackDeployment;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.WorkspaceStack;
import io.tap.reconciler.config.EngineProperties;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.ManagedResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link StackEngine} over the Pulumi Automation API: one {@link LocalWorkspace} per stack, running
 * the stack's inline program ({@code tap.stacks[n].program}, looked up in {@link StackPrograms}).
 *
 * <ul>
 *   <li>Backend: {@link TapProperties#backendUrl}; a {@code file://} directory is created on start.</li>
 *   <li>Secrets provider: passphrase (see {@link Passphrase} for where it comes from).</li>
 *   <li>Each operation runs under {@code tap.engine.operation-timeout}; on expiry the CLI is interrupted,
 *       killed after {@code cancel-grace} if it does not stop, and {@link OperationTimeoutException} is thrown.</li>
 *   <li>Errors are classified into {@link EngineException} subclasses carrying the masked stderr tail;
 *       no raw Automation API exception (whose message holds raw CLI output) leaves this class.</li>
 *   <li>One operation per stack at a time within this service; a second one is {@link StackBusyException},
 *       as is the backend lock held by another process.</li>
 * </ul>
 */
public class PulumiStackEngine implements StackEngine, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PulumiStackEngine.class);
    private static final Duration UNAVAILABLE_RECHECK = Duration.ofSeconds(30);

    private final TapProperties tap;
    private final EngineProperties props;
    private final StackPrograms programs;
    private final Map<String, String> environment;
    private final SecretMasker masker = new SecretMasker();
    private final java.util.logging.Logger programLogger = MaskingJulLogger.register(masker);
    private final String passphrase;
    private final Map<String, StackHandle> handles = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final Object cliLock = new Object();
    private volatile PulumiCli cli;
    private volatile EngineAvailability availability;
    private volatile long availabilityCheckedAt;

    /** Uses the process environment for {@code PULUMI_CONFIG_PASSPHRASE}. */
    public PulumiStackEngine(TapProperties tap, EngineProperties props, StackPrograms programs) {
        this(tap, props, programs, System.getenv());
    }

    /**
     * @param environment where {@code PULUMI_CONFIG_PASSPHRASE} is looked up (the process environment in production)
     * @throws IllegalStateException when no passphrase can be found for a remote backend, or the data dir cannot be created
     */
    public PulumiStackEngine(TapProperties tap, EngineProperties props, StackPrograms programs,
                             Map<String, String> environment) {
        this.tap = tap;
        this.props = props;
        this.programs = programs;
        this.environment = Map.copyOf(environment);
        boolean allFileBackends = tap.stacks().stream().allMatch(s -> tap.backendUrl(s).startsWith("file:"));
        createFileBackendDirs();
        this.passphrase = Passphrase.resolve(props, this.environment, tap.dataDir().toAbsolutePath(), allFileBackends);
        masker.add(passphrase);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tap-engine-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private void createFileBackendDirs() {
        for (StackProperties s : tap.stacks()) {
            String url = tap.backendUrl(s);
            if (!url.startsWith("file:")) continue;
            try {
                Files.createDirectories(fileBackendPath(url));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the file backend directory of stack " + s.name()
                        + " (" + url + ")", e);
            }
        }
    }

    /** The CLI runs in the stack's workspace dir, so a relative file backend must be made absolute. */
    static String cliBackendUrl(String url) {
        return url.startsWith("file:") ? fileBackendPath(url).toUri().toString() : url;
    }

    static Path fileBackendPath(String url) {
        // file:///abs/path, file://~/path and file://relative/path are all accepted by the CLI
        String rest = url.substring("file://".length());
        if (url.startsWith("file:///")) return Path.of(URI.create(url));
        if (rest.startsWith("~")) return Path.of(System.getProperty("user.home"), rest.substring(1));
        return Path.of(rest).toAbsolutePath();
    }

    // ---------------------------------------------------------------- operations

    @Override
    public EngineResult refreshPreview(String stack) {
        return operation(stack, EngineOperation.REFRESH_PREVIEW, (h, mapper) -> {
            try {
                h.stack.refresh(RefreshOptions.builder().previewOnly(true).onEvent(mapper)
                        .onStandardError(h::debugLine).build());
            } catch (NoSuchElementException noHistory) {
                // a preview-only refresh records no history; on a never-updated stack the SDK then
                // finds no summary to return, but the events already said everything
            }
        });
    }

    @Override
    public EngineResult preview(String stack) {
        return operation(stack, EngineOperation.PREVIEW, (h, mapper) ->
                h.stack.preview(PreviewOptions.builder().program(h.program.program()).logger(programLogger).onEvent(mapper)
                        .onStandardError(h::debugLine).build()));
    }

    @Override
    public EngineResult up(String stack, Set<String> targets) {
        return operation(stack, EngineOperation.UP, (h, mapper) -> {
            UpOptions.Builder b = UpOptions.builder().program(h.program.program()).logger(programLogger).onEvent(mapper)
                    .onStandardError(h::debugLine);
            if (!targets.isEmpty()) b.targets(List.copyOf(new TreeSet<>(targets)));
            h.stack.up(b.build()); // ProcessPulumiCommand adds --refresh
        });
    }

    @Override
    public Map<String, Object> outputs(String stack) {
        StackHandle h = handle(stack);
        Map<String, OutputValue> raw = read(h, "outputs", () -> h.stack.getOutputs());
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (v.isSecret()) {
                if (v.value() != null) masker.add(String.valueOf(v.value()));
                out.put(k, SecretMasker.MASK);
            } else {
                out.put(k, sanitize(v.value()));
            }
        });
        return out;
    }

    @Override
    public List<ManagedResource> resources(String stack) {
        StackHandle h = handle(stack);
        StackDeployment d = read(h, "resources", () -> h.stack.exportStack());
        Object list = d.deployment() == null ? null : d.deployment().get("resources");
        List<ManagedResource> out = new ArrayList<>();
        if (list instanceof List<?> resources) {
            for (Object o : resources) {
                if (!(o instanceof Map<?, ?> r) || !(r.get("urn") instanceof String urn)) continue;
                Object outputs = r.get("outputs");
                Object arn = outputs instanceof Map<?, ?> m ? m.get("arn") : null;
                out.add(new ManagedResource(urn, (String) r.get("type"),
                        r.get("id") instanceof String id && !id.isEmpty() ? id : null,
                        arn instanceof String a ? a : null));
            }
        }
        return out;
    }

    @Override
    public void cancel(String stack) {
        StackHandle h = handles.get(stack);
        if (h == null || !h.command.isRunning()) return;
        log.info("cancelling the running {} of stack {}", h.currentOperation, stack);
        h.stopReason = EngineException.Kind.CANCELLED;
        stop(h);
    }

    @Override
    public EngineAvailability availability() {
        EngineAvailability a = availability;
        long now = System.nanoTime();
        if (a != null && (a.available() || now - availabilityCheckedAt < UNAVAILABLE_RECHECK.toNanos())) return a;
        try {
            PulumiCli c = cli();
            a = new EngineAvailability(true, c.version().toString(), null);
        } catch (CliMissingException e) {
            a = new EngineAvailability(false, null, e.getMessage());
        }
        availability = a;
        availabilityCheckedAt = now;
        return a;
    }

    @Override
    public void close() {
        for (StackHandle h : handles.values()) {
            if (h.command.isRunning()) {
                h.stopReason = EngineException.Kind.CANCELLED;
                stop(h);
            }
        }
        executor.shutdownNow();
        MaskingJulLogger.unregister(masker);
    }

    // ---------------------------------------------------------------- running

    @FunctionalInterface
    private interface Body {
        void run(StackHandle h, EngineEventMapper mapper) throws AutomationException;
    }

    @FunctionalInterface
    private interface Read<T> {
        T get() throws AutomationException;
    }

    private EngineResult operation(String stack, EngineOperation op, Body body) {
        StackHandle h = handle(stack);
        if (!h.lock.tryLock()) {
            throw new StackBusyException("stack " + stack + " is busy: a " + h.currentOperation
                    + " is already running in this service", "", null);
        }
        long started = System.nanoTime();
        try {
            h.currentOperation = op;
            h.stopReason = null;
            h.command.resetRun();
            prepare(h);
            EngineEventMapper mapper = new EngineEventMapper(
                    op == EngineOperation.REFRESH_PREVIEW ? DriftSource.CLOUD : DriftSource.CODE,
                    op == EngineOperation.REFRESH_PREVIEW, masker);
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            Callable<Void> task = () -> {
                if (mdc != null) MDC.setContextMap(mdc);
                try {
                    body.run(h, mapper);
                    return null;
                } finally {
                    MDC.clear();
                }
            };
            Future<Void> future = executor.submit(task);
            try {
                future.get(props.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                h.stopReason = EngineException.Kind.TIMEOUT;
                stop(h);
                awaitQuietly(future);
                throw new OperationTimeoutException(describe(op, stack) + " exceeded the timeout of "
                        + props.operationTimeout() + " (tap.engine.operation-timeout) and was cancelled",
                        h.command.stderrTail());
            } catch (ExecutionException e) {
                throw classify(e.getCause(), h, op, stack, mapper);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.stopReason = EngineException.Kind.CANCELLED;
                stop(h);
                throw new OperationCancelledException(describe(op, stack) + " was interrupted", h.command.stderrTail());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            EngineResult result = new EngineResult(op, took, mapper.changeSummary(), mapper.drifts());
            log.info("{} of stack {}: {} resource(s) with changes, summary {} ({} ms)",
                    op, stack, result.resources().size(), result.changeSummary(), took.toMillis());
            return result;
        } finally {
            h.currentOperation = null;
            h.lock.unlock();
        }
    }

    /**
     * Picks up the stack's current program from the registry and applies its stack config when it
     * changed since the last operation (config is written by the CLI, secrets encrypted).
     */
    private void prepare(StackHandle h) {
        StackProgram program = programs.get(h.programName);
        program.secretConfig().values().forEach(masker::add);
        Map<String, ConfigValue> config = new LinkedHashMap<>();
        program.config().forEach((k, v) -> config.put(k, new ConfigValue(v, false)));
        program.secretConfig().forEach((k, v) -> config.put(k, new ConfigValue(v, true)));
        Map<String, String> fingerprint = new LinkedHashMap<>(program.config());
        program.secretConfig().forEach((k, v) -> fingerprint.put(k, "secret:" + v));
        try {
            if (!fingerprint.equals(h.appliedConfig)) {
                Set<String> stale = new TreeSet<>(h.appliedConfig.keySet());
                stale.removeAll(fingerprint.keySet());
                if (!stale.isEmpty()) h.stack.removeAllConfig(List.copyOf(stale));
                if (!config.isEmpty()) h.stack.setAllConfig(config);
                h.appliedConfig = fingerprint;
            }
        } catch (AutomationException e) {
            throw classify(e, h, null, h.name, null);
        }
        h.program = program;
    }

    private <T> T read(StackHandle h, String what, Read<T> read) {
        try {
            Future<T> f = executor.submit(read::get);
            return f.get(props.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OperationTimeoutException("reading the " + what + " of stack " + h.name + " timed out", "");
        } catch (ExecutionException e) {
            throw classify(e.getCause(), h, null, h.name, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException("reading the " + what + " of stack " + h.name + " was interrupted", "");
        }
    }

    /** Interrupts, then kills, the stack's CLI; releases the backend lock a killed update leaves behind. */
    private void stop(StackHandle h) {
        boolean killed = h.command.terminate(props.cancelGrace());
        if (killed && h.currentOperation == EngineOperation.UP) {
            try {
                // only our own killed update can hold the lock now: the backend refuses a second holder
                h.stack.cancel();
                log.warn("released the backend lock left by the killed update of stack {}", h.name);
            } catch (AutomationException | RuntimeException e) {
                log.warn("could not release the backend lock of stack {}; run `pulumi cancel` for it: {}",
                        h.name, masker.mask(String.valueOf(e.getMessage())));
            }
        }
    }

    private void awaitQuietly(Future<?> f) {
        try {
            f.get(props.cancelGrace().toMillis() + 15_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException ignored) {
            // the failure of a stopped run is expected; a stuck inline program thread is left behind
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    EngineException classify(Throwable t, StackHandle h, EngineOperation op, String stack, EngineEventMapper mapper) {
        String what = op == null ? "engine call for stack " + stack : describe(op, stack);
        if (t instanceof EngineException ee) return ee;
        if (h.stopReason == EngineException.Kind.TIMEOUT) {
            return new OperationTimeoutException(what + " exceeded the timeout of " + props.operationTimeout(),
                    h.command.stderrTail());
        }
        if (h.stopReason == EngineException.Kind.CANCELLED) {
            return new OperationCancelledException(what + " was cancelled", h.command.stderrTail());
        }
        if (t instanceof ConcurrentUpdateException c) {
            return new StackBusyException(what + " found the stack locked by another update; retry later",
                    tail(c), null);
        }
        if (t instanceof CommandException c) {
            String stderr = c.getMessage() == null ? "" : c.getMessage();
            String tail = tail(c);
            String reason = firstError(mapper, stderr);
            if (isProgramError(stderr)) {
                return new ProgramErrorException(what + " failed in the program or its configuration: " + reason, tail, null);
            }
            return new EngineFailureException(what + " failed: " + reason, tail, null);
        }
        if (t instanceof AutomationException a) {
            return new EngineFailureException(what + " failed: " + masker.mask(String.valueOf(a.getMessage())), "", null);
        }
        return new EngineFailureException(what + " failed: " + t.getClass().getSimpleName() + ": "
                + masker.mask(String.valueOf(t.getMessage())), "", null);
    }

    private static final String[] PROGRAM_ERROR_MARKERS = {
            "an unhandled error occurred", "program failed", "Program exited", "running program",
            "Missing required configuration", "has a problem:", "failed to decrypt", "incorrect passphrase",
            "no resource plugin", "failed to load plugin", "could not find plugin", "is not a valid",
            "invalid configuration", "Duplicate resource URN",
    };

    static boolean isProgramError(String stderr) {
        for (String m : PROGRAM_ERROR_MARKERS) {
            if (stderr.contains(m)) return true;
        }
        return false;
    }

    private String firstError(EngineEventMapper mapper, String stderr) {
        if (mapper != null && !mapper.errors().isEmpty()) return abbreviate(mapper.errors().get(0));
        return stderr.lines().filter(l -> l.contains("error:")).findFirst()
                .map(l -> abbreviate(masker.mask(EngineEventMapper.stripAnsi(l.substring(l.indexOf("error:"))).strip())))
                .orElse("see the stderr tail");
    }

    private String tail(CommandException c) {
        String msg = c.getMessage() == null ? "" : c.getMessage();
        List<String> lines = msg.lines().toList();
        int from = Math.max(0, lines.size() - props.stderrTailLines());
        return masker.mask(EngineEventMapper.stripAnsi(String.join("\n", lines.subList(from, lines.size()))));
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    private static String describe(EngineOperation op, String stack) {
        return switch (op) {
            case REFRESH_PREVIEW -> "refresh preview";
            case PREVIEW -> "preview";
            case UP -> "update";
        } + " of stack " + stack;
    }

    private Object sanitize(Object value) {
        if (value instanceof String s) return masker.mask(s);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return SecretMasker.isSecretEnvelope(value) ? SecretMasker.MASK : masker.render(value);
        }
        return value;
    }

    // ---------------------------------------------------------------- stacks

    private PulumiCli cli() {
        PulumiCli c = cli;
        if (c != null) return c;
        synchronized (cliLock) {
            if (cli == null) cli = PulumiCli.locate(props);
            return cli;
        }
    }

    private StackHandle handle(String stack) {
        StackHandle existing = handles.get(stack);
        if (existing != null) return existing;
        synchronized (handles) {
            existing = handles.get(stack);
            if (existing != null) return existing;
            StackHandle created = open(stack);
            handles.put(stack, created);
            return created;
        }
    }

    private StackHandle open(String stackName) {
        StackProperties sp = tap.stack(stackName).orElseThrow(() -> new ProgramErrorException(
                "stack " + stackName + " is not configured (tap.stacks[].name)", "", null));
        StackProgram program = programs.get(sp.program());
        program.secretConfig().values().forEach(masker::add);
        PulumiCli c = cli();
        Path workDir = tap.dataDir().toAbsolutePath().resolve("engine").resolve("workspaces").resolve(stackName);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new EngineFailureException("cannot create the workspace of stack " + stackName + ": " + e.getMessage(), "", e);
        }
        Map<String, String> base = new HashMap<>(props.environment());
        base.put("PULUMI_BACKEND_URL", cliBackendUrl(tap.backendUrl(sp)));
        base.put("PULUMI_SKIP_UPDATE_CHECK", Boolean.toString(props.skipUpdateCheck()));
        if (!props.pluginAcquisition()) base.put("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true");
        if (props.pulumiHome() != null) base.put("PULUMI_HOME", props.pulumiHome().toAbsolutePath().toString());
        base.put("PULUMI_CONFIG_PASSPHRASE", passphrase);
        ProcessPulumiCommand command = new ProcessPulumiCommand(c.path(), c.version(), base, masker,
                props.stderrTailLines());
        StackHandle h = new StackHandle(stackName, sp.program(), command);
        try {
            LocalWorkspaceOptions options = LocalWorkspaceOptions.builder()
                    .workDir(workDir)
                    .pulumiCommand(command)
                    .logger(programLogger)
                    .secretsProvider("passphrase")
                    .projectSettings(ProjectSettings.builder(props.project(), ProjectRuntimeName.JAVA).build())
                    .build();
            h.stack = LocalWorkspace.createOrSelectStack(props.project(), stackName, program.program(), options);
            h.program = program;
        } catch (AutomationException | RuntimeException e) {
            throw classify(e, h, null, stackName, null);
        }
        log.info("stack {} ready: program {}, backend {}, pulumi v{}", stackName, program.name(),
                redactUrl(tap.backendUrl(sp)), c.version());
        return h;
    }

    private static String redactUrl(String url) {
        return url.replaceAll("//[^/@]*@", "//[secret]@");
    }

    /** One stack's workspace and the state of its running operation. */
    final class StackHandle {
        final String name;
        final String programName;
        final ProcessPulumiCommand command;
        final ReentrantLock lock = new ReentrantLock();
        WorkspaceStack stack;
        volatile StackProgram program;
        Map<String, String> appliedConfig = Map.of();
        volatile EngineOperation currentOperation;
        volatile EngineException.Kind stopReason;

        StackHandle(String name, String programName, ProcessPulumiCommand command) {
            this.name = name;
            this.programName = programName;
            this.command = command;
        }

        void debugLine(String line) {
            if (log.isDebugEnabled()) log.debug("[{}] {}", name, masker.mask(line));
        }
    }
}
