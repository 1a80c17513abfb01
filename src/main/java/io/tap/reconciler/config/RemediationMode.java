package io.tap.reconciler.config;

/** How a stack's drift is acted on; ordered from least to most permissive. */
public enum RemediationMode {
    /** Report and alert only. */
    DETECT_ONLY,
    /** Hold planned changes until an operator approves them over REST. */
    APPROVAL,
    /** Apply when the guardrails allow; otherwise fall back to approval. */
    AUTO;

    /** True when {@code requested} is not more permissive than this mode (a trigger may only downgrade). */
    public boolean permits(RemediationMode requested) {
        return requested.ordinal() <= ordinal();
    }
}
