package io.tap.reconciler.topology.naming;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The estate's required tags ({@code Environment}, {@code Owner}, {@code CostCenter},
 * {@code Project}). They go on every regional provider's {@code defaultTags} and, with a
 * {@code Name}, explicitly on every taggable resource, so they are visible in the program itself
 * (and in the offline render) rather than only in the provider's merge.
 */
public record Tags(String environment, String owner, String costCenter, String project) {

    /** The tag keys every taggable resource must carry. */
    public static final java.util.List<String> REQUIRED = java.util.List.of("Environment", "Owner", "CostCenter", "Project");

    /** The four required tags. */
    public Map<String, String> required() {
        var tags = new LinkedHashMap<String, String>();
        tags.put("Environment", environment);
        tags.put("Owner", owner);
        tags.put("CostCenter", costCenter);
        tags.put("Project", project);
        return tags;
    }

    /** The required tags plus {@code Name}. */
    public Map<String, String> named(String name) {
        var tags = required();
        tags.put("Name", name);
        return Map.copyOf(tags);
    }
}
