package io.tap.reconciler.alerting;

import java.util.List;

/**
 * Turns run facts into alerts and queues them durably. Called inside the transaction that records the
 * run, so a run and its alerts are stored together or not at all; delivery happens afterwards.
 */
public interface AlertService {

    /** Plans the alerts for a run (transitions only) and writes them to the outbox. Returns what was queued. */
    List<Alert> record(RunEvent run);
}
