package io.tap.reconciler.alerting;

/** Alert severity, also a message attribute for SNS filter policies. */
public enum Severity { INFO, WARNING, CRITICAL }
