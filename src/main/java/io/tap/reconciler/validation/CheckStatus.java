package io.tap.reconciler.validation;

/** The outcome of one check: the estate works, does not, or the check could not tell. */
public enum CheckStatus {
    /** The property holds. */
    PASS,
    /** The property does not hold; the evidence says why. */
    FAIL,
    /** The check could not be evaluated (AWS error, missing output, timeout); never a verdict on the estate. */
    ERROR
}
