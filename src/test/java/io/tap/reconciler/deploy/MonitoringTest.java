package io.tap.reconciler.deploy;

import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Structure of the alerts and the dashboard; their behaviour is tested with promtool in {@code PrometheusRulesIT}. */
class MonitoringTest {

    @Test
    void theRequiredAlertsExistWithSeverityForAndAnnotations() {
        Map<String, Rule> alerts = MonitoringArtifacts.alerts().stream().collect(Collectors.toMap(Rule::getAlert, r -> r));
        assertThat(alerts).containsKeys("TapDriftPresent", "TapReconcileFailing", "TapNoSuccessfulDriftCheck",
                "TapApprovalsPending", "TapFlappingResources");
        assertThat(alerts.values()).allSatisfy(rule -> {
            assertThat(rule.getLabels()).containsKey("severity");
            assertThat(rule.getLabels().get("severity")).isIn("warning", "critical");
            assertThat(rule.getAnnotations()).containsKeys("summary", "description");
            assertThat(rule.getFor()).as(rule.getAlert() + " waits before firing").matches("\\d+[smh]");
            assertThat(rule.getExpr().getStrVal()).contains("tap_");
        });
    }

    @Test
    void noSuccessfulDriftCheckFiresAfterThreeTimesTheLongestInterval() {
        Rule rule = MonitoringArtifacts.alerts().stream().filter(r -> r.getAlert().equals("TapNoSuccessfulDriftCheck"))
                .findFirst().orElseThrow();
        long threshold = 3 * RepoFiles.longestStackInterval().toSeconds();
        assertThat(rule.getExpr().getStrVal()).endsWith("> " + threshold)
                .contains("tap_reconcile_last_success_seconds");
    }

    @Test
    void dashboardShowsDriftReconcileComplianceRemediationsAndApprovals() {
        List<String> expressions = MonitoringArtifacts.dashboardExpressions();
        assertThat(expressions).anySatisfy(e -> assertThat(e).contains("by (stack, source)").contains("tap_drift_resources"));
        assertThat(expressions).anySatisfy(e -> assertThat(e).contains("tap_reconcile_seconds_sum").contains("tap_reconcile_seconds_count"));
        assertThat(expressions).anySatisfy(e -> assertThat(e).contains("by (stack, outcome)").contains("tap_reconcile_seconds_count"));
        assertThat(expressions).anySatisfy(e -> assertThat(e).contains("by (region)").contains("tap_compliance_noncompliant_rules"));
        assertThat(expressions).anySatisfy(e -> assertThat(e).contains("tap_remediations_total"));
        assertThat(expressions).anySatisfy(e -> assertThat(e).contains("tap_approvals_pending"));
    }

    @Test
    void dashboardIsAnImportableGrafanaModel() {
        JsonNode dashboard = MonitoringArtifacts.dashboard();
        assertThat(dashboard.path("uid").asString()).isEqualTo("tap-reconciler");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
            assertThat(panel.path("type").asString()).isIn("timeseries", "stat", "gauge", "table", "bargauge");
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).isNotEmpty().allSatisfy(t -> {
                assertThat(t.path("expr").asString()).contains("tap_");
                assertThat(balanced(t.path("expr").asString())).as(t.path("expr").asString()).isTrue();
            });
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(8);
        long filtered = MonitoringArtifacts.dashboardExpressions().stream().filter(e -> e.contains("stack=~\"$stack\"")).count();
        assertThat(filtered).as("panels follow the stack selector").isGreaterThanOrEqualTo(8);
    }

    @Test
    void everySeriesReadIsATapSeriesWithPrometheusNaming() {
        assertThat(MonitoringArtifacts.seriesNames()).isNotEmpty().allSatisfy(name ->
                assertThat(name).matches("tap_[a-z0-9_]+").doesNotContain("__"));
        assertThat(MonitoringArtifacts.seriesNames()).filteredOn(n -> n.startsWith("tap_reconcile_seconds"))
                .allSatisfy(n -> assertThat(n).matches("tap_reconcile_seconds_(count|sum|max)"));
    }

    static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
