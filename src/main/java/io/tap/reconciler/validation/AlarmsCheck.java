package io.tap.reconciler.validation;

import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every exported alarm exists and notifies at least one SNS topic. */
final class AlarmsCheck extends RegionalCheck {

    AlarmsCheck(String region) {
        super("monitoring.alarms", region, CheckSeverity.WARNING);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        List<String> names = outputs.list(region(), OutputKeys.ALARM_NAMES);
        if (names.isEmpty()) {
            return Verdict.fail("The stack exports no alarms.");
        }
        Map<String, MetricAlarm> alarms = aws.cloudWatch(region()).describeAlarmsPaginator(r -> r.alarmNames(names))
                .metricAlarms().stream().collect(Collectors.toMap(MetricAlarm::alarmName, Function.identity(), (a, b) -> a));
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            MetricAlarm alarm = alarms.get(name);
            if (alarm == null) {
                problems.add("alarm " + name + " does not exist");
            } else if (alarm.alarmActions().stream().noneMatch(a -> a.startsWith("arn:aws") && a.contains(":sns:"))) {
                problems.add("alarm " + name + " has no SNS action");
            }
        }
        return Verdict.of(problems, names.size() + " alarms exist and notify SNS.");
    }
}
