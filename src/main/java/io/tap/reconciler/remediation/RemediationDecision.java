package io.tap.reconciler.remediation;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to do about one drift report: a closed set of decisions made by {@link RemediationPolicy}.
 * Every decision names the resources escalated as flapping, so the caller can alert on them.
 */
public sealed interface RemediationDecision {

    /** Resources that drifted again shortly after being remediated; never auto-applied. */
    Set<String> flapping();

    /** The decision in words, for run history and logs, e.g. {@code Apply(3)}. */
    String describe();

    /** Apply the targeted {@code up} now. */
    static RemediationDecision apply(Set<String> targets) {
        return new Apply(targets);
    }

    /** Hold {@code targets} until an operator approves them. */
    static RemediationDecision awaitApproval(Set<String> targets, List<String> reasons, Set<String> flapping) {
        return new AwaitApproval(targets, reasons, flapping);
    }

    /** Report and alert, change nothing. */
    static RemediationDecision alertOnly(String reason, Set<String> flapping) {
        return new AlertOnly(reason, flapping);
    }

    /** The stack is clean. */
    static RemediationDecision nothing() {
        return new Nothing();
    }

    /**
     * Apply now: a targeted {@code up} at these URNs, then a verifying preview.
     *
     * @param targets URNs, sorted
     */
    record Apply(Set<String> targets) implements RemediationDecision {
        public Apply {
            if (targets.isEmpty()) throw new IllegalArgumentException("Apply needs at least one target");
            targets = sorted(targets);
        }

        @Override
        public Set<String> flapping() {
            return Set.of();
        }

        @Override
        public String describe() {
            return "Apply(" + targets.size() + ")";
        }
    }

    /**
     * Hold the plan until an operator approves it over REST.
     *
     * @param targets  URNs the approved plan will target, sorted
     * @param reasons  why approval is needed (mode, guardrails), in words
     * @param flapping URNs escalated as flapping, a subset of {@code targets}
     */
    record AwaitApproval(Set<String> targets, List<String> reasons, Set<String> flapping)
            implements RemediationDecision {
        public AwaitApproval {
            if (targets.isEmpty()) throw new IllegalArgumentException("AwaitApproval needs at least one target");
            targets = sorted(targets);
            reasons = List.copyOf(reasons);
            flapping = sorted(flapping);
        }

        @Override
        public String describe() {
            return "AwaitApproval(" + targets.size() + "): " + String.join("; ", reasons);
        }
    }

    /**
     * Report and alert only.
     *
     * @param reason   why nothing is applied, in words
     * @param flapping URNs escalated as flapping
     */
    record AlertOnly(String reason, Set<String> flapping) implements RemediationDecision {
        public AlertOnly {
            flapping = sorted(flapping);
        }

        @Override
        public String describe() {
            return "AlertOnly: " + reason;
        }
    }

    /** Nothing drifted. */
    record Nothing() implements RemediationDecision {
        @Override
        public Set<String> flapping() {
            return Set.of();
        }

        @Override
        public String describe() {
            return "Nothing";
        }
    }

    private static Set<String> sorted(Set<String> urns) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(urns));
    }
}
