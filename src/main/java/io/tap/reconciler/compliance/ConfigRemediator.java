package io.tap.reconciler.compliance;

import io.tap.reconciler.compliance.ConfigRemediation.Outcome;
import io.tap.reconciler.config.ComplianceProperties;
import io.tap.reconciler.config.RemediationMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.DescribeRemediationExecutionStatusResponse;
import software.amazon.awssdk.services.config.model.RemediationConfiguration;
import software.amazon.awssdk.services.config.model.RemediationExecutionState;
import software.amazon.awssdk.services.config.model.RemediationExecutionStatus;
import software.amazon.awssdk.services.config.model.ResourceKey;
import software.amazon.awssdk.services.config.model.StartRemediationExecutionResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Starts AWS Config's own remediation ({@code StartRemediationExecution}) for the managed resources of a
 * compliance report, when configuration and the stack's mode allow it:
 * {@code tap.compliance.config-remediation.enabled}, the rule allowed by {@code …rules}, and the stack in
 * {@code AUTO} mode. Unmanaged resources are never remediated.
 *
 * <p>Config runs one execution at a time per rule and resource, so resources with an execution
 * {@code QUEUED} or {@code IN_PROGRESS} are skipped. Rules whose remediation is automatic are left to Config.
 * A region that fails does not stop the others; its resources are reported {@link Outcome#FAILED}.
 */
public final class ConfigRemediator {

    private static final Logger log = LoggerFactory.getLogger(ConfigRemediator.class);
    /** API limits: rule names per DescribeRemediationConfigurations, keys per Start/DescribeExecutionStatus. */
    private static final int RULES_PER_CALL = 25;
    private static final int KEYS_PER_CALL = 100;
    private static final Set<RemediationExecutionState> RUNNING =
            Set.of(RemediationExecutionState.QUEUED, RemediationExecutionState.IN_PROGRESS);

    private final ConfigClients clients;
    private final ComplianceProperties.ConfigRemediation settings;
    private final ComplianceState state;
    private final Clock clock;

    ConfigRemediator(ConfigClients clients, ComplianceProperties properties, ComplianceState state, Clock clock) {
        this.clients = clients;
        this.settings = properties.configRemediation();
        this.state = state;
        this.clock = clock;
    }

    /** True when Config remediation may run at all for a stack in {@code mode}. */
    public boolean allowed(RemediationMode mode) {
        return settings.enabled() && mode == RemediationMode.AUTO;
    }

    /**
     * Starts Config remediation for the report's managed findings. Returns one entry per (rule, resource)
     * considered; empty when remediation is not allowed for this stack. The result is also kept as the
     * stack's latest remediation state.
     */
    public List<ConfigRemediation> remediate(String stack, RemediationMode mode, ComplianceReport report) {
        if (!allowed(mode)) return List.of();
        Map<String, Map<String, List<ComplianceFinding>>> byRegionAndRule = new TreeMap<>();
        for (ComplianceFinding f : report.findings()) {
            if (!f.managed()) continue;
            byRegionAndRule.computeIfAbsent(f.region(), r -> new TreeMap<>())
                    .computeIfAbsent(f.rule(), r -> new ArrayList<>()).add(f);
        }
        List<ConfigRemediation> out = new ArrayList<>();
        byRegionAndRule.forEach((region, byRule) -> out.addAll(remediateRegion(region, byRule)));
        state.recordRemediations(stack, out);
        out.forEach(r -> log.info("config-remediation stack={} region={} rule={} resourceType={} outcome={} state={}",
                stack, r.region(), r.rule(), r.resourceType(), r.outcome(), r.state()));
        return out;
    }

    /**
     * Re-reads Config's execution state of the stack's latest remediations ({@code DescribeRemediationExecutionStatus})
     * and records it; e.g. STARTED entries become {@code SUCCEEDED} or {@code FAILED} once Config is done. A region
     * that cannot be read keeps its entries unchanged.
     */
    public List<ConfigRemediation> refresh(String stack) {
        List<ConfigRemediation> previous = state.remediations(stack);
        Map<List<String>, List<ConfigRemediation>> byRegionAndRule = new LinkedHashMap<>();
        for (ConfigRemediation r : previous) {
            byRegionAndRule.computeIfAbsent(List.of(r.region(), r.rule()), k -> new ArrayList<>()).add(r);
        }
        List<ConfigRemediation> out = new ArrayList<>();
        byRegionAndRule.forEach((key, entries) -> {
            List<ConfigRemediation> tracked = entries.stream()
                    .filter(r -> r.outcome() == Outcome.STARTED || r.outcome() == Outcome.ALREADY_RUNNING).toList();
            if (tracked.isEmpty()) {
                out.addAll(entries);
                return;
            }
            try {
                List<ResourceKey> keys = tracked.stream().map(r -> ResourceKey.builder().resourceType(r.resourceType())
                        .resourceId(r.resourceId()).build()).distinct().toList();
                Map<String, RemediationExecutionStatus> now = executionStatus(clients.forRegion(key.get(0)), key.get(1), keys);
                for (ConfigRemediation r : entries) {
                    RemediationExecutionStatus s = now.get(r.resourceId());
                    out.add(s == null || !tracked.contains(r) ? r : new ConfigRemediation(r.region(), r.rule(),
                            r.resourceType(), r.resourceId(), r.urn(), r.outcome(), s.stateAsString(),
                            r.detail().contains("; step ") ? r.detail() : r.detail() + failedStep(s), clock.instant()));
                }
            } catch (RuntimeException e) {
                log.warn("config-remediation stack={} region={} rule={}: status not read: {}", stack, key.get(0),
                        key.get(1), RegionErrors.of(key.get(0), "DescribeRemediationExecutionStatus", e).message());
                out.addAll(entries);
            }
        });
        state.recordRemediations(stack, out);
        return out;
    }

    private static String failedStep(RemediationExecutionStatus s) {
        return s.stepDetails().stream().filter(step -> step.errorMessage() != null).findFirst()
                .map(step -> "; step " + step.name() + " failed: " + step.errorMessage()).orElse("");
    }

    private List<ConfigRemediation> remediateRegion(String region, Map<String, List<ComplianceFinding>> byRule) {
        List<ConfigRemediation> out = new ArrayList<>();
        Map<String, List<ComplianceFinding>> allowed = new LinkedHashMap<>();
        byRule.forEach((rule, findings) -> {
            if (settings.allows(rule)) {
                allowed.put(rule, findings);
            } else {
                findings.forEach(f -> out.add(result(f, Outcome.NOT_ALLOWED, null,
                        "rule is not listed in tap.compliance.config-remediation.rules")));
            }
        });
        if (allowed.isEmpty()) return out;
        String operation = "DescribeRemediationConfigurations";
        try {
            ConfigClient client = clients.forRegion(region);
            Map<String, RemediationConfiguration> configurations = configurations(client, allowed.keySet());
            for (var e : allowed.entrySet()) {
                String rule = e.getKey();
                RemediationConfiguration rc = configurations.get(rule);
                if (rc == null) {
                    e.getValue().forEach(f -> out.add(result(f, Outcome.NO_REMEDIATION_CONFIGURATION, null,
                            "rule has no remediation configuration; fix the program instead")));
                } else if (Boolean.TRUE.equals(rc.automatic())) {
                    e.getValue().forEach(f -> out.add(result(f, Outcome.AUTOMATIC_IN_CONFIG, null,
                            "remediation " + rc.targetId() + " is automatic; Config runs it")));
                } else {
                    operation = "StartRemediationExecution";
                    out.addAll(start(client, rule, rc, e.getValue()));
                }
            }
        } catch (RuntimeException ex) {
            String reason = RegionErrors.of(region, operation, ex).message();
            allowed.values().forEach(fs -> fs.stream()
                    .filter(f -> out.stream().noneMatch(o -> same(o, f)))
                    .forEach(f -> out.add(result(f, Outcome.FAILED, null, reason))));
        }
        return out;
    }

    private List<ConfigRemediation> start(ConfigClient client, String rule, RemediationConfiguration rc,
                                          List<ComplianceFinding> findings) {
        List<ConfigRemediation> out = new ArrayList<>();
        Map<String, ComplianceFinding> byId = new LinkedHashMap<>();
        findings.forEach(f -> byId.putIfAbsent(f.resourceId(), f));
        Map<String, RemediationExecutionStatus> current = executionStatus(client, rule, keys(byId.values()));
        List<ComplianceFinding> toStart = new ArrayList<>();
        for (ComplianceFinding f : byId.values()) {
            RemediationExecutionStatus s = current.get(f.resourceId());
            if (s != null && RUNNING.contains(s.state())) {
                out.add(result(f, Outcome.ALREADY_RUNNING, s.stateAsString(),
                        "an execution of " + rc.targetId() + " is " + s.stateAsString() + " since " + s.invocationTime()));
            } else {
                toStart.add(f);
            }
        }
        for (int i = 0; i < toStart.size(); i += KEYS_PER_CALL) {
            List<ComplianceFinding> chunk = toStart.subList(i, Math.min(toStart.size(), i + KEYS_PER_CALL));
            StartRemediationExecutionResponse response = client.startRemediationExecution(r -> r
                    .configRuleName(rule).resourceKeys(keys(chunk)));
            Set<String> failed = new java.util.HashSet<>();
            response.failedItems().forEach(k -> failed.add(k.resourceId()));
            for (ComplianceFinding f : chunk) {
                RemediationExecutionStatus previous = current.get(f.resourceId());
                String previousState = previous == null ? null : previous.stateAsString();
                if (failed.contains(f.resourceId())) {
                    out.add(result(f, Outcome.FAILED, previousState, "Config did not start " + rc.targetId() + ": "
                            + (response.failureMessage() == null ? "no reason given" : response.failureMessage())));
                } else {
                    out.add(result(f, Outcome.STARTED, RemediationExecutionState.QUEUED.toString(),
                            "started " + rc.targetTypeAsString() + " " + rc.targetId()
                                    + (previousState == null ? "" : " (previous execution " + previousState + ")")));
                }
            }
        }
        return out;
    }

    private static Map<String, RemediationConfiguration> configurations(ConfigClient client, Set<String> rules) {
        List<String> names = List.copyOf(rules);
        Map<String, RemediationConfiguration> out = new HashMap<>();
        for (int i = 0; i < names.size(); i += RULES_PER_CALL) {
            List<String> chunk = names.subList(i, Math.min(names.size(), i + RULES_PER_CALL));
            client.describeRemediationConfigurations(r -> r.configRuleNames(chunk)).remediationConfigurations()
                    .forEach(rc -> out.put(rc.configRuleName(), rc));
        }
        return out;
    }

    private static Map<String, RemediationExecutionStatus> executionStatus(ConfigClient client, String rule,
                                                                           List<ResourceKey> keys) {
        Map<String, RemediationExecutionStatus> out = new HashMap<>();
        for (int i = 0; i < keys.size(); i += KEYS_PER_CALL) {
            List<ResourceKey> chunk = keys.subList(i, Math.min(keys.size(), i + KEYS_PER_CALL));
            for (DescribeRemediationExecutionStatusResponse page : client.describeRemediationExecutionStatusPaginator(
                    r -> r.configRuleName(rule).resourceKeys(chunk))) {
                for (RemediationExecutionStatus s : page.remediationExecutionStatuses()) {
                    if (s.resourceKey() != null) {
                        out.merge(s.resourceKey().resourceId(), s, ConfigRemediator::newer);
                    }
                }
            }
        }
        return out;
    }

    private static RemediationExecutionStatus newer(RemediationExecutionStatus a, RemediationExecutionStatus b) {
        if (a.invocationTime() == null) return b;
        if (b.invocationTime() == null) return a;
        return b.invocationTime().isAfter(a.invocationTime()) ? b : a;
    }

    private static List<ResourceKey> keys(java.util.Collection<ComplianceFinding> findings) {
        return findings.stream().map(f -> ResourceKey.builder().resourceType(f.resourceType())
                .resourceId(f.resourceId()).build()).distinct().toList();
    }

    private ConfigRemediation result(ComplianceFinding f, Outcome outcome, String executionState, String detail) {
        return new ConfigRemediation(f.region(), f.rule(), f.resourceType(), f.resourceId(), f.urn(), outcome,
                executionState, detail, clock.instant());
    }

    private static boolean same(ConfigRemediation r, ComplianceFinding f) {
        return r.rule().equals(f.rule()) && r.resourceId().equals(f.resourceId());
    }
}
