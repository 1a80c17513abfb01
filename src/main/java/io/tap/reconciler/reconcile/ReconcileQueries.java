package io.tap.reconciler.reconcile;

import io.tap.reconciler.drift.DriftReport;

import java.util.List;
import java.util.Optional;

/** Read side of the reconciler, for the API and observability. Cheap: reads recorded state only. */
public interface ReconcileQueries {

    List<StackStatus> stacks();

    Optional<StackStatus> stack(String name);

    /** The newest drift report of a stack; empty before its first completed detection. */
    Optional<DriftReport> latestDrift(String stack);

    /** Newest first; {@code stack} may be {@code null} for all stacks. */
    List<RunRecord> runs(String stack, int limit);

    Optional<RunRecord> run(String id);
}
