package io.tap.reconciler.alerting;

import java.util.Locale;

/** Which condition an alert is about; in the body as {@code scope}. */
enum AlertScope {
    /** The cloud or the program differs from the stack's state (sources CLOUD, CODE). */
    DRIFT,
    /** AWS Config NON_COMPLIANT findings, managed or unmanaged (sources COMPLIANCE, UNMANAGED). */
    COMPLIANCE,
    /** A run event (remediation, approval, failure…). */
    EVENT;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
