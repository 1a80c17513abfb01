package io.tap.reconciler.topology;

import java.util.List;

/** The topology configuration has problems; {@link #problems()} names each one with its property path. */
public class InvalidTopologyException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidTopologyException(List<String> problems) {
        super("Invalid TAP topology configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per problem, each starting with the property path. */
    public List<String> problems() {
        return problems;
    }
}
