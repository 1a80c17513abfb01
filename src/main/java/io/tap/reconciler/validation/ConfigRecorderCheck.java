package io.tap.reconciler.validation;

import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigRule;
import software.amazon.awssdk.services.config.model.ConfigurationRecorderStatus;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** An AWS Config recorder is recording in the region and the expected managed rules are present. */
final class ConfigRecorderCheck extends RegionalCheck {

    private final List<String> expectedRules;

    ConfigRecorderCheck(String region, List<String> expectedRules) {
        super("monitoring.config", region, CheckSeverity.WARNING);
        this.expectedRules = List.copyOf(expectedRules);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        ConfigClient config = aws.config(region());
        List<ConfigurationRecorderStatus> recorders = config.describeConfigurationRecorderStatus(r -> { })
                .configurationRecordersStatus();
        if (recorders.stream().noneMatch(s -> Boolean.TRUE.equals(s.recording()))) {
            return Verdict.fail(recorders.isEmpty() ? "No AWS Config recorder in the region."
                    : "AWS Config recorder " + recorders.get(0).name() + " is not recording.");
        }
        Set<String> present = config.describeConfigRulesPaginator(r -> { }).configRules().stream()
                .map(ConfigRule::source).filter(s -> s != null && s.sourceIdentifier() != null)
                .map(s -> s.sourceIdentifier()).collect(Collectors.toCollection(TreeSet::new));
        List<String> missing = expectedRules.stream().filter(r -> !present.contains(r)).toList();
        return missing.isEmpty()
                ? Verdict.pass("Recorder is recording; all " + expectedRules.size() + " expected rules are present.")
                : Verdict.fail("Recorder is recording but rules are missing: " + missing + ".");
    }
}
