package io.tap.reconciler.validation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stack's exported outputs, as {@code pulumi stack output --json} prints them: a top-level
 * {@code primaryRegion} and one object per region (see {@link OutputKeys}).
 *
 * @param values the outputs, top level keyed by output name
 */
public record StackOutputs(Map<String, Object> values) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public StackOutputs {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parses {@code pulumi stack output --json}. */
    @SuppressWarnings("unchecked")
    public static StackOutputs fromJson(String json) {
        try {
            Object parsed = JSON.readValue(json, Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("stack outputs must be a JSON object");
            }
            return new StackOutputs((Map<String, Object>) map);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("stack outputs are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The region holding replication sources; {@link MissingOutputException} when absent. */
    public String primaryRegion() {
        Object value = values.get(OutputKeys.PRIMARY_REGION);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new MissingOutputException("Stack output " + OutputKeys.PRIMARY_REGION + " is missing.");
        }
        return s;
    }

    /** The regions that have an output object, primary region first when it is known. */
    public List<String> regions() {
        List<String> regions = new ArrayList<>(values.entrySet().stream()
                .filter(e -> REGION.matcher(e.getKey()).matches() && e.getValue() instanceof Map)
                .map(Map.Entry::getKey).sorted().toList());
        Object primary = values.get(OutputKeys.PRIMARY_REGION);
        if (primary instanceof String p && regions.remove(p)) {
            regions.add(0, p);
        }
        return List.copyOf(regions);
    }

    /** Whether a region exports a (non-null) value under {@code key}. */
    public boolean has(String region, String key) {
        return regional(region).get(key) != null;
    }

    /** A required string output of a region. */
    public String get(String region, String key) {
        Object value = regional(region).get(key);
        if (value == null || value instanceof String s && s.isBlank()) {
            throw missing(region, key);
        }
        if (value instanceof Map || value instanceof Collection) {
            throw new MissingOutputException("Stack output " + region + "." + key + " is not a single value.");
        }
        return value.toString();
    }

    /** An optional string output of a region. */
    public Optional<String> find(String region, String key) {
        return has(region, key) ? Optional.of(get(region, key)) : Optional.empty();
    }

    /** A required list output of a region (a JSON array; a single string counts as one element). */
    public List<String> list(String region, String key) {
        Object value = regional(region).get(key);
        if (value == null) {
            throw missing(region, key);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }

    /** Values of {@code key} in every region but {@code region}, keyed by region. */
    public Map<String, String> others(String region, String key) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String other : regions()) {
            if (!other.equals(region)) {
                result.put(other, get(other, key));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> regional(String region) {
        Object value = values.get(region);
        if (!(value instanceof Map<?, ?> map)) {
            throw new MissingOutputException("Stack outputs have no object for region " + region + ".");
        }
        return (Map<String, Object>) map;
    }

    private static MissingOutputException missing(String region, String key) {
        return new MissingOutputException("Stack output " + region + "." + key + " is missing.");
    }

    /** An output a check needs is absent: the check reports ERROR, never a verdict. */
    public static final class MissingOutputException extends RuntimeException {
        MissingOutputException(String message) {
            super(message);
        }
    }
}
