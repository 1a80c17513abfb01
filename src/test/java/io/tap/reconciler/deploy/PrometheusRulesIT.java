package io.tap.reconciler.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PrometheusRule's alerts checked and unit-tested by Prometheus' own promtool (Debian package
 * {@code prometheus}): the expressions parse, and each alert fires on the series it is meant for and
 * stays silent on healthy ones.
 */
class PrometheusRulesIT {

    private final ExternalTool promtool = ExternalTool.require("promtool", null,
            "apt-get install -y --no-install-recommends prometheus");

    @TempDir
    Path dir;

    @BeforeEach
    void writeRuleFile() throws Exception {
        JsonNode spec = StrictManifestParser.documents(RepoFiles.read(MonitoringArtifacts.RULES)).get(0).path("spec");
        YAMLMapper yaml = YAMLMapper.builder().build();
        Files.writeString(dir.resolve("rules.yml"), yaml.writeValueAsString(spec));
        // promtool's unit tests compare annotations too; their templates are covered by `check rules`.
        JsonNode bare = spec.deepCopy();
        bare.path("groups").forEach(group -> group.path("rules").forEach(rule ->
                ((tools.jackson.databind.node.ObjectNode) rule).remove("annotations")));
        Files.writeString(dir.resolve("rules-bare.yml"), yaml.writeValueAsString(bare));
    }

    @Test
    void rulesPassPromtoolCheck() {
        ExternalTool.Result result = promtool.run(dir, "check", "rules", "rules.yml");
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("SUCCESS");
    }

    @Test
    void alertsFireOnUnhealthySeriesAndStaySilentOnHealthyOnes() throws Exception {
        long threshold = 3 * RepoFiles.longestStackInterval().toSeconds();
        long staleAfterMinutes = threshold / 60 + 6;
        String tests = """
                rule_files: [rules-bare.yml]
                evaluation_interval: 1m
                tests:
                  # Drift present for 40 minutes; another stack clean.
                  - interval: 1m
                    input_series:
                      - series: 'tap_drift_resources{stack="prod",source="CLOUD",operation="UPDATE"}'
                        values: '3x45'
                      - series: 'tap_drift_resources{stack="dr",source="CLOUD",operation="UPDATE"}'
                        values: '0x45'
                    alert_rule_test:
                      - {eval_time: 20m, alertname: TapDriftPresent, exp_alerts: []}
                      - eval_time: 40m
                        alertname: TapDriftPresent
                        exp_alerts:
                          - exp_labels: {severity: warning, stack: prod}
                  # Failed runs keep coming for one stack; the other only succeeds.
                  - interval: 1m
                    input_series:
                      - series: 'tap_reconcile_seconds_count{stack="prod",trigger="SCHEDULE",outcome="FAILED"}'
                        values: '0+1x40'
                      - series: 'tap_reconcile_seconds_count{stack="dr",trigger="SCHEDULE",outcome="SUCCEEDED"}'
                        values: '0+1x40'
                    alert_rule_test:
                      - eval_time: 30m
                        alertname: TapReconcileFailing
                        exp_alerts:
                          - exp_labels: {severity: critical, stack: prod}
                  # Last success frozen at t=0 for prod; dr succeeds every minute.
                  - interval: 1m
                    input_series:
                      - series: 'tap_reconcile_last_success_seconds{stack="prod"}'
                        values: '0x%1$d'
                      - series: 'tap_reconcile_last_success_seconds{stack="dr"}'
                        values: '0+60x%1$d'
                    alert_rule_test:
                      - {eval_time: 5m, alertname: TapNoSuccessfulDriftCheck, exp_alerts: []}
                      - eval_time: %1$dm
                        alertname: TapNoSuccessfulDriftCheck
                        exp_alerts:
                          - exp_labels: {severity: critical, stack: prod}
                      - {eval_time: %1$dm, alertname: TapReconcilerAbsent, exp_alerts: []}
                  # No reconcile metrics at all.
                  - interval: 1m
                    input_series:
                      - series: 'up{job="tap-reconciler"}'
                        values: '1x30'
                    alert_rule_test:
                      - eval_time: 20m
                        alertname: TapReconcilerAbsent
                        exp_alerts:
                          - exp_labels: {severity: critical}
                  # Approvals pending for over an hour, flapping resources for over 5 minutes.
                  - interval: 1m
                    input_series:
                      - series: 'tap_approvals_pending{stack="prod"}'
                        values: '1x80'
                      - series: 'tap_flapping_resources{stack="prod"}'
                        values: '0x10 2x20'
                    alert_rule_test:
                      - {eval_time: 30m, alertname: TapApprovalsPending, exp_alerts: []}
                      - eval_time: 70m
                        alertname: TapApprovalsPending
                        exp_alerts:
                          - exp_labels: {severity: warning, stack: prod}
                      - {eval_time: 8m, alertname: TapFlappingResources, exp_alerts: []}
                      - eval_time: 20m
                        alertname: TapFlappingResources
                        exp_alerts:
                          - exp_labels: {severity: warning, stack: prod}
                """.formatted(staleAfterMinutes);
        Files.writeString(dir.resolve("tests.yml"), tests);
        ExternalTool.Result result = promtool.run(dir, "test", "rules", "tests.yml");
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("SUCCESS");
    }
}
