package io.tap.reconciler.engine;

import com.pulumi.Context;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A Pulumi program a stack can run ({@code tap.stacks[n].program} names it), with the stack
 * configuration it needs.
 *
 * @param name         registry name, e.g. {@code tap}
 * @param program      the inline program
 * @param config       plain stack config set before every operation, e.g. {@code aws:region}
 * @param secretConfig secret stack config (stored encrypted by the secrets provider); the values are
 *                     masked in everything the engine reports
 */
public record StackProgram(String name, Consumer<Context> program, Map<String, String> config,
                           Map<String, String> secretConfig) {

    public StackProgram {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(program, "program");
        config = Map.copyOf(config);
        secretConfig = Map.copyOf(secretConfig);
    }

    /** A program without stack config. */
    public static StackProgram of(String name, Consumer<Context> program) {
        return new StackProgram(name, program, Map.of(), Map.of());
    }

    @Override
    public String toString() {
        return "StackProgram[" + name + ", config=" + config.keySet() + ", secretConfig=" + secretConfig.keySet() + "]";
    }
}
