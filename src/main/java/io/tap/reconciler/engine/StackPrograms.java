package io.tap.reconciler.engine;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The programs stacks can run, by name. The service registers {@code tap} (the topology program);
 * tests and fixture stacks register their own.
 */
public final class StackPrograms {

    private final Map<String, StackProgram> byName = new ConcurrentHashMap<>();

    public StackPrograms(Collection<StackProgram> programs) {
        programs.forEach(this::register);
    }

    /** Adds or replaces a program. */
    public StackPrograms register(StackProgram program) {
        byName.put(program.name(), program);
        return this;
    }

    /**
     * The program with this name.
     *
     * @throws ProgramErrorException when none is registered: the stack's configuration names an unknown program
     */
    public StackProgram get(String name) {
        StackProgram p = byName.get(name);
        if (p == null) {
            throw new ProgramErrorException("no program named '" + name + "' is registered (known: "
                    + new TreeMap<>(byName).keySet() + "); check tap.stacks[].program", "", null);
        }
        return p;
    }
}
