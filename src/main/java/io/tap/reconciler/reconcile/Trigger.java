package io.tap.reconciler.reconcile;

/** What started a run. */
public enum Trigger {
    SCHEDULE, REST, CONFIG_EVENT, STARTUP,
    /** An operator approved a held plan; the run applies exactly that plan. */
    APPROVAL
}
