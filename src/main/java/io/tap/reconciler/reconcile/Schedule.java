package io.tap.reconciler.reconcile;

import java.time.Instant;

/** What the scheduler knows about a stack right now (in memory, never persisted). */
interface Schedule {

    /** True while a run of the stack is in flight. */
    boolean running(String stack);

    /** When the next scheduled run starts, {@code null} when none is scheduled. */
    Instant nextRunAt(String stack);
}
