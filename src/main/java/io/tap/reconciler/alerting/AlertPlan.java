package io.tap.reconciler.alerting;

import java.util.List;

/**
 * The planner's decision for one run.
 *
 * @param alerts alerts to queue, in order
 * @param states state rows to write (only those that changed)
 */
record AlertPlan(List<PlannedAlert> alerts, List<AlertState> states) {
    AlertPlan {
        alerts = List.copyOf(alerts);
        states = List.copyOf(states);
    }
}
