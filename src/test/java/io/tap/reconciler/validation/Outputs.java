package io.tap.reconciler.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers to derive outputs that point a check at a different (broken) resource. */
final class Outputs {

    private Outputs() {
    }

    /** A copy of {@code outputs} with {@code region.key} set to {@code value} ({@code null} removes it). */
    @SuppressWarnings("unchecked")
    static StackOutputs with(StackOutputs outputs, String region, String key, Object value) {
        Map<String, Object> values = new LinkedHashMap<>(outputs.values());
        Map<String, Object> regional = new LinkedHashMap<>((Map<String, Object>) values.get(region));
        if (value == null) {
            regional.remove(key);
        } else {
            regional.put(key, value);
        }
        values.put(region, regional);
        return new StackOutputs(values);
    }
}
