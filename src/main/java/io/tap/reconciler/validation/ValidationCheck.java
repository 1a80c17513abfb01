package io.tap.reconciler.validation;

/**
 * One property of the live estate, checked against AWS in one region. Implementations never throw:
 * an AWS error, a missing output or any other failure to evaluate becomes an {@link CheckStatus#ERROR}.
 */
public interface ValidationCheck {

    /** Stable name, e.g. {@code network.vpc}. */
    String name();

    /** Region the check looks at. */
    String region();

    /** Severity of a FAIL. */
    CheckSeverity severity();

    /** Evaluates the check; never throws. */
    CheckResult run(StackOutputs outputs, AwsClients aws);
}
