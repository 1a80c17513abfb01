package io.tap.reconciler.remediation;

import io.tap.reconciler.config.RemediationMode;
import io.tap.reconciler.config.RemediationProperties;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.ResourceDrift;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides what to do about a drift report, given the stack's mode and the guardrails.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Entries seen only as evidence (operation NONE) and UNMANAGED findings are never targeted.</li>
 *   <li>CLOUD, CODE and COMPLIANCE entries are targets: a targeted {@code up} (with refresh) converges them.</li>
 *   <li>A target remediated within the flapping window that drifts again is flapping: never auto-applied.</li>
 *   <li>DETECT_ONLY alerts only. APPROVAL always holds the plan. AUTO applies unless a guardrail
 *       ({@code never-auto} operation, protected type, more than {@code max-changes-per-run} targets,
 *       flapping) holds the whole plan for approval: a partly applied plan would change the fingerprint
 *       the operator is asked to approve.</li>
 * </ol>
 * Pure and thread-safe.
 */
public final class RemediationPolicy {

    private final Set<String> neverAuto;
    private final Set<String> protectedTypes;
    private final int maxChangesPerRun;

    public RemediationPolicy(RemediationProperties properties) {
        this.neverAuto = properties.neverAuto().stream().map(s -> s.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.protectedTypes = Set.copyOf(properties.protectedTypes());
        this.maxChangesPerRun = properties.maxChangesPerRun();
    }

    /**
     * The decision for one report.
     *
     * @param report drift of the stack
     * @param mode   the run's effective mode
     * @param recent what the last runs remediated, for flapping
     */
    public RemediationDecision decide(DriftReport report, RemediationMode mode, RecentRemediations recent) {
        if (report.isClean()) {
            return RemediationDecision.nothing();
        }
        List<ResourceDrift> targets = report.resources().stream().filter(RemediationPolicy::actionable).toList();
        if (targets.isEmpty()) {
            return RemediationDecision.alertOnly("only unmanaged or informational findings", Set.of());
        }
        Set<String> urns = targets.stream().map(ResourceDrift::urn).collect(Collectors.toCollection(TreeSet::new));
        Set<String> flapping = urns.stream().filter(recent::isFlapping).collect(Collectors.toCollection(TreeSet::new));
        if (mode == RemediationMode.DETECT_ONLY) {
            return RemediationDecision.alertOnly("mode DETECT_ONLY", flapping);
        }
        List<String> reasons = new ArrayList<>(guardrails(targets, flapping));
        if (mode == RemediationMode.APPROVAL) {
            reasons.add(0, "mode APPROVAL");
        }
        return reasons.isEmpty() ? RemediationDecision.apply(urns)
                : RemediationDecision.awaitApproval(urns, reasons, flapping);
    }

    /** True when a targeted up may act on the entry. */
    static boolean actionable(ResourceDrift d) {
        return d.operation() != Operation.NONE && !d.sources().contains(DriftSource.UNMANAGED) && !d.sources().isEmpty();
    }

    private List<String> guardrails(List<ResourceDrift> targets, Set<String> flapping) {
        Set<String> reasons = new LinkedHashSet<>();
        for (ResourceDrift d : targets) {
            if (neverAuto.contains(d.operation().name())) {
                reasons.add("never-auto operation " + d.operation());
            }
            if (d.type() != null && protectedTypes.contains(d.type())) {
                reasons.add("protected type " + d.type());
            }
        }
        if (targets.size() > maxChangesPerRun) {
            reasons.add(targets.size() + " changes exceed max-changes-per-run " + maxChangesPerRun);
        }
        if (!flapping.isEmpty()) {
            reasons.add(flapping.size() + " flapping resource(s)");
        }
        return List.copyOf(reasons);
    }
}
