package io.tap.reconciler.drift;

/** Where a piece of drift was seen. */
public enum DriftSource {
    /** The cloud differs from the stack's state (refresh preview). */
    CLOUD,
    /** The program differs from the stack's state (preview). */
    CODE,
    /** AWS Config reports a managed resource NON_COMPLIANT. */
    COMPLIANCE,
    /** AWS Config reports a resource that the stack does not manage; never touched. */
    UNMANAGED
}
