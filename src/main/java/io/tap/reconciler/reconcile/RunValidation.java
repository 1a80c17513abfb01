package io.tap.reconciler.reconcile;

import io.tap.reconciler.alerting.AlertKind;
import io.tap.reconciler.alerting.RunEvent;
import io.tap.reconciler.alerting.Severity;
import io.tap.reconciler.engine.StackEngine;
import io.tap.reconciler.validation.CheckResult;
import io.tap.reconciler.validation.ValidationReport;
import io.tap.reconciler.validation.ValidationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Continuous validation as a step of a run: after detection (and any remediation) the TAP stack's
 * outputs are validated; each FAIL becomes a VALIDATION_FAILED event with a per-check de-dup key.
 * Validation is evidence only: it never starts a remediation.
 */
final class RunValidation {

    private static final Logger log = LoggerFactory.getLogger(RunValidation.class);

    private RunValidation() {
    }

    /** Validates the stack when it runs the TAP program; empty when disabled, not TAP, or outputs unreadable. */
    static Optional<ValidationReport> validate(ValidationService validation, StackEngine engine, RunContext ctx) {
        if (validation == null || !validation.enabled() || !"tap".equals(ctx.stack().program())) {
            return Optional.empty();
        }
        try {
            return validation.validate(ctx.stackName(), ctx.runId(), engine.outputs(ctx.stackName()));
        } catch (RuntimeException e) {
            log.warn("Validation skipped: the stack outputs could not be read ({})", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** One VALIDATION_FAILED event per failing check, de-duplicated per stack, check and region. */
    static List<RunEvent.Event> events(String stack, ValidationReport report) {
        return report.failures().stream().map(r -> new RunEvent.Event(AlertKind.VALIDATION_FAILED, severity(r),
                "Validation " + r.check() + " failed in " + r.region() + ": " + r.evidence(),
                "validation:" + stack + ":" + r.key(), List.of())).toList();
    }

    private static Severity severity(CheckResult r) {
        return switch (r.severity()) {
            case INFO -> Severity.INFO;
            case WARNING -> Severity.WARNING;
            case CRITICAL -> Severity.CRITICAL;
        };
    }
}
