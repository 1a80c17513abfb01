package io.tap.reconciler.reconcile;

import io.tap.reconciler.alerting.Alert;
import io.tap.reconciler.alerting.AlertService;
import io.tap.reconciler.alerting.RunEvent;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test double of the alerting boundary: remembers each {@link RunEvent} and whether it was handed over
 * inside a transaction, and queues one alert per event (or none when the run has no events and no drift).
 */
class RecordingAlerts implements AlertService {

    final List<RunEvent> events = new CopyOnWriteArrayList<>();
    final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
    volatile RuntimeException failWith;

    @Override
    public List<Alert> record(RunEvent run) {
        inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
        if (failWith != null) throw failWith;
        events.add(run);
        boolean drift = run.report() != null && !run.report().isClean();
        if (run.events().isEmpty() && !drift) return List.of();
        return List.of(new Alert(UUID.randomUUID().toString(), run.stack(),
                run.events().isEmpty() ? io.tap.reconciler.alerting.AlertKind.DRIFT_DETECTED : run.events().get(0).kind(),
                io.tap.reconciler.alerting.Severity.WARNING, run.runId(), "fp", run.regions(), "subject", "{}",
                Instant.now()));
    }

    List<io.tap.reconciler.alerting.AlertKind> kinds() {
        return events.stream().flatMap(e -> e.events().stream()).map(RunEvent.Event::kind).toList();
    }
}
