package io.tap.reconciler.reconcile;

import org.slf4j.MDC;

/**
 * Puts the run's marker (run id, stack, trigger) into the MDC for every log line of the run, and takes
 * it out again. {@code run} holds the whole marker for log patterns; the single keys suit JSON logs.
 */
final class RunMarker implements AutoCloseable {

    static final String RUN = "run";
    static final String RUN_ID = "runId";
    static final String STACK = "stack";
    static final String TRIGGER = "trigger";

    private RunMarker() {
    }

    static RunMarker open(String runId, String stack, Trigger trigger) {
        MDC.put(RUN_ID, runId);
        MDC.put(STACK, stack);
        MDC.put(TRIGGER, trigger.name());
        MDC.put(RUN, "[run=" + runId + " stack=" + stack + " trigger=" + trigger + "]");
        return new RunMarker();
    }

    @Override
    public void close() {
        MDC.remove(RUN_ID);
        MDC.remove(STACK);
        MDC.remove(TRIGGER);
        MDC.remove(RUN);
    }
}
