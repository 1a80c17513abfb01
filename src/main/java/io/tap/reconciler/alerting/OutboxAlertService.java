package io.tap.reconciler.alerting;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link AlertService} over the outbox: plans the run's transitions against the stored state, renders
 * the alerts and writes alerts and state in the caller's transaction (or a new one). Delivery starts
 * after the commit; a rollback leaves neither.
 */
final class OutboxAlertService implements AlertService {

    private final AlertPlanner planner;
    private final AlertMessageWriter writer;
    private final AlertStateStore states;
    private final AlertOutbox outbox;
    private final TransactionTemplate transactions;
    private final OutboxDispatcher dispatcher;
    private final AlertMetrics metrics;
    private final Clock clock;

    OutboxAlertService(AlertPlanner planner, AlertMessageWriter writer, AlertStateStore states, AlertOutbox outbox,
                       TransactionTemplate transactions, OutboxDispatcher dispatcher, AlertMetrics metrics, Clock clock) {
        this.planner = planner;
        this.writer = writer;
        this.states = states;
        this.outbox = outbox;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public List<Alert> record(RunEvent run) {
        return transactions.execute(status -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored, on H2 and PostgreSQL alike
            AlertPlan plan = planner.plan(run, states.load(run.stack()), now);
            plan.states().forEach(s -> states.save(run.stack(), s));
            List<Alert> alerts = new ArrayList<>();
            for (PlannedAlert p : plan.alerts()) {
                String id = UUID.randomUUID().toString();
                AlertMessageWriter.Rendered m = writer.render(id, p, run, now);
                Alert alert = new Alert(id, run.stack(), p.kind(), p.severity(), run.runId(), p.fingerprint(),
                        run.regions(), m.subject(), m.body(), now);
                outbox.add(alert);
                alerts.add(alert);
            }
            if (!alerts.isEmpty()) afterCommit(alerts);
            return List.copyOf(alerts);
        });
    }

    private void afterCommit(List<Alert> alerts) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                alerts.forEach(a -> metrics.count(a.kind(), "queued"));
                dispatcher.nudge();
            }
        });
    }
}
