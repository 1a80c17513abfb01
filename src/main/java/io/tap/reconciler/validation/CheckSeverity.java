package io.tap.reconciler.validation;

/** How bad a failing check is; the reconciler maps it onto the alert severity. */
public enum CheckSeverity { INFO, WARNING, CRITICAL }
