package io.tap.reconciler.api;

/** The stack exists but no detection has completed yet, so there is no drift report to show. */
final class NoReportYetException extends RuntimeException {

    NoReportYetException(String stack) {
        super("Stack '" + stack + "' has no completed drift detection yet");
    }
}
