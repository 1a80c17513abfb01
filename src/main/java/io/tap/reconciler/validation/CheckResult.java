package io.tap.reconciler.validation;

import java.util.Objects;

/**
 * The result of one check in one region.
 *
 * @param check    check name, stable across runs (e.g. {@code network.vpc})
 * @param region   AWS region the check looked at
 * @param severity how bad a FAIL is
 * @param status   PASS, FAIL or ERROR
 * @param evidence one sentence saying what was seen; never a secret value
 */
public record CheckResult(String check, String region, CheckSeverity severity, CheckStatus status, String evidence) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A key that names the same check in the same region across runs (alert de-duplication, metrics). */
    public String key() {
        return check + "@" + region;
    }
}
