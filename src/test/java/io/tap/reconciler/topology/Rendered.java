package io.tap.reconciler.topology;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/** One offline rendering of the default three-region estate, shared by the tests of a JVM (it takes seconds). */
final class Rendered {

    private static TopologyRender.Result threeRegions;
    static final ObjectMapper JSON = new ObjectMapper();

    private Rendered() {
    }

    static synchronized TopologyRender.Result threeRegions() {
        if (threeRegions == null) {
            threeRegions = TopologyRender.run(Specs.threeRegions());
        }
        return threeRegions;
    }

    static JsonNode json(Object value) {
        return JSON.readTree(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** Whether the resource's Args class has a {@code tags} input (i.e. AWS can tag it). */
    static boolean taggable(String type) {
        String[] parts = type.split(":");
        if (parts[0].equals("pulumi")) {
            return false;
        }
        String module = parts[1].split("/")[0];
        String pkg = "com.pulumi.aws." + (module.equals("index") ? "" : module + ".");
        try {
            Class<?> args = Class.forName(pkg + parts[2] + "Args");
            return java.util.Arrays.stream(args.getMethods()).anyMatch(m -> m.getName().equals("tags") && m.getParameterCount() == 0);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no Args class for " + type, e);
        }
    }
}
