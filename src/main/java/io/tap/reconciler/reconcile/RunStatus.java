package io.tap.reconciler.reconcile;

/** The recorded state of a run; every state but RUNNING is final. */
public enum RunStatus {
    RUNNING, CLEAN, DRIFTED, REMEDIATED, AWAITING_APPROVAL, FAILED, INTERRUPTED;

    /** True once the run has ended. */
    public boolean isFinal() {
        return this != RUNNING;
    }
}
