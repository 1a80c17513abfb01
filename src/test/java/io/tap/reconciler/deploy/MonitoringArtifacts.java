package io.tap.reconciler.deploy;

import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PrometheusRule and the Grafana dashboard, and the tap_* series their expressions read. */
final class MonitoringArtifacts {

    static final Path DASHBOARD = RepoFiles.K8S.resolve("grafana/tap-reconciler-dashboard.json");
    static final Path RULES = RepoFiles.BASE.resolve("prometheusrule.yaml");
    private static final Pattern SERIES = Pattern.compile("\\btap_[a-z0-9_]+\\b");

    private MonitoringArtifacts() {
    }

    static PrometheusRule prometheusRule() {
        return (PrometheusRule) StrictManifestParser.parseAll(RepoFiles.read(RULES), RULES.toString()).get(0);
    }

    static List<Rule> alerts() {
        return prometheusRule().getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList();
    }

    static JsonNode dashboard() {
        return JsonMapper.builder().build().readTree(RepoFiles.read(DASHBOARD));
    }

    static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asString());
            }
        }
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            if (variable.has("definition")) {
                expressions.add(variable.path("definition").asString());
            }
        }
        return expressions;
    }

    static List<String> ruleExpressions() {
        return alerts().stream().map(r -> r.getExpr().getStrVal()).toList();
    }

    /** Every tap_* series name the alerts and the dashboard read. */
    static Set<String> seriesNames() {
        Set<String> names = new TreeSet<>();
        List<String> all = new ArrayList<>(ruleExpressions());
        all.addAll(dashboardExpressions());
        for (String expr : all) {
            Matcher m = SERIES.matcher(expr);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }
}
