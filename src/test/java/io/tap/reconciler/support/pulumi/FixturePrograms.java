package io.tap.reconciler.support.pulumi;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.StackReference;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Inline programs for engine tests. Programs whose desired state a test changes between operations
 * read it from a {@link Desired} holder, so the same registered program can be "edited" by the test.
 */
public final class FixturePrograms {

    private FixturePrograms() {
    }

    /** Desired content per logical file name; the test mutates it to make code drift. */
    public static final class Desired {
        private final AtomicReference<Map<String, FileSpec>> files = new AtomicReference<>(Map.of());

        /** Replaces the whole desired set. */
        public Desired set(Map<String, FileSpec> desired) {
            files.set(Map.copyOf(desired));
            return this;
        }

        /** Adds or changes one file. */
        public Desired put(String name, FileSpec spec) {
            Map<String, FileSpec> m = new LinkedHashMap<>(files.get());
            m.put(name, spec);
            files.set(Map.copyOf(m));
            return this;
        }

        /** Removes one file from the program (the next preview shows a DELETE). */
        public Desired remove(String name) {
            Map<String, FileSpec> m = new LinkedHashMap<>(files.get());
            m.remove(name);
            files.set(Map.copyOf(m));
            return this;
        }

        public Map<String, FileSpec> get() {
            return files.get();
        }
    }

    /**
     * One desired file.
     *
     * @param path    absolute path
     * @param content content
     * @param mode    octal mode or {@code null} to leave it untracked
     */
    public record FileSpec(Path path, String content, String mode) {
        public static FileSpec of(Path path, String content) {
            return new FileSpec(path, content, null);
        }
    }

    /** URN of a resource this fixture project creates at the top level. */
    public static String urn(String stack, String project, String type, String name) {
        return "urn:pulumi:" + stack + "::" + project + "::" + type + "::" + name;
    }

    /** One {@link FixtureFile} per desired entry (resource name = map key); exports each path. */
    public static Consumer<Context> files(Desired desired) {
        return ctx -> desired.get().forEach((name, spec) -> {
            FixtureFileArgs args = spec.mode() == null ? FixtureFileArgs.of(spec.path(), spec.content())
                    : FixtureFileArgs.of(spec.path(), spec.content(), spec.mode());
            FixtureFile f = new FixtureFile(name, args);
            ctx.export(name + "Path", f.path());
        });
    }

    /**
     * A file whose content is a secret stack config value ({@code configKey}, set as secret config),
     * also exported as a secret output {@code secretOut}.
     */
    public static Consumer<Context> secretFile(Path path, String configKey) {
        return ctx -> {
            Output<String> secret = ctx.config().requireSecret(configKey);
            FixtureFile f = new FixtureFile("secret-file", FixtureFileArgs.of(path, secret));
            ctx.export("secretOut", secret);
            ctx.export("plainOut", Output.of("visible"));
            ctx.export("secretFilePath", f.path());
        };
    }

    /** Exports {@code key} with the value the holder has at run time (stack A of the StackReference case). */
    public static Consumer<Context> exporter(String key, AtomicReference<String> value) {
        return ctx -> ctx.export(key, Output.of(value.get()));
    }

    /**
     * Holds a {@code pulumi:pulumi:StackReference} to {@code referencedStack} (fully qualified for the
     * file backend: {@code organization/<project>/<stack>}) and re-exports its {@code key} output.
     */
    public static Consumer<Context> referencing(String referencedStack, String key) {
        return ctx -> {
            StackReference ref = new StackReference("upstream", com.pulumi.resources.StackReferenceArgs.builder()
                    .name(referencedStack).build(), CustomResourceOptions.Empty);
            ctx.export("seen", ref.output(key));
        };
    }

    /**
     * A {@link FixtureSleep} whose create takes {@code seconds}; {@code ignoreCancel} makes it ignore
     * the engine's cancellation (a stuck operation only a kill ends).
     */
    public static Consumer<Context> sleeping(double seconds, String trigger, boolean ignoreCancel) {
        return ctx -> new FixtureSleep("nap", FixtureSleepArgs.of(seconds, trigger, ignoreCancel));
    }

    /** A program that fails with an exception (a program error, not an engine failure). */
    public static Consumer<Context> failing(String message) {
        return ctx -> {
            throw new IllegalStateException(message);
        };
    }
}
