package io.tap.reconciler.alerting;

import io.tap.reconciler.config.AlertProperties;
import io.tap.reconciler.config.StackProperties;
import io.tap.reconciler.config.TapProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * The SNS topic of a stack: its own {@code tap.stacks[n].topic-arn}, else {@code tap.alerts.topic-arn}.
 * Resolved when an alert is sent, so fixing a wrong topic in the configuration also delivers the backlog.
 */
final class TopicResolver {

    private final TapProperties tap;
    private final AlertProperties alerts;

    TopicResolver(TapProperties tap, AlertProperties alerts) {
        this.tap = tap;
        this.alerts = alerts;
        List<String> problems = problems(tap);
        if (!problems.isEmpty()) throw new IllegalStateException(String.join("; ", problems));
    }

    String topicFor(String stack) {
        return tap.stack(stack).map(StackProperties::topicArn).filter(t -> t != null && !t.isBlank())
                .orElse(alerts.topicArn());
    }

    /** One message per stack topic that is not an SNS topic ARN, naming its property path. */
    static List<String> problems(TapProperties tap) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < tap.stacks().size(); i++) {
            String arn = tap.stacks().get(i).topicArn();
            if (arn != null && !arn.matches(AlertProperties.SNS_TOPIC_ARN)) {
                problems.add("tap.stacks[" + i + "].topic-arn: must be an SNS topic ARN "
                        + "(arn:aws:sns:<region>:<account>:<name>), was '" + arn + "'");
            }
        }
        return problems;
    }
}
