package io.tap.reconciler.remediation;

import java.util.Set;

/**
 * What the last few runs of a stack did, as far as flapping is concerned.
 *
 * @param remediated URNs applied by a successful remediation within the flapping window
 * @param flapping   URNs escalated as flapping within the flapping window (they stay flapping while they drift)
 */
public record RecentRemediations(Set<String> remediated, Set<String> flapping) {

    public static final RecentRemediations NONE = new RecentRemediations(Set.of(), Set.of());

    public RecentRemediations {
        remediated = Set.copyOf(remediated);
        flapping = Set.copyOf(flapping);
    }

    boolean isFlapping(String urn) {
        return remediated.contains(urn) || flapping.contains(urn);
    }
}
