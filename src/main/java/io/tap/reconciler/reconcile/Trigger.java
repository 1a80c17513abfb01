package io.tap.reconciler.reconcile;

/** What started a run. */
public enum Trigger { SCHEDULE, REST, CONFIG_EVENT, STARTUP }
