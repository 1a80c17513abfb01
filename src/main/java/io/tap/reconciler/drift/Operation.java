package io.tap.reconciler.drift;

/** What converging a resource would do to it, ordered from least to most disruptive. */
public enum Operation {
    /** Nothing to apply: the entry is evidence only (e.g. an unmanaged compliance finding). */
    NONE,
    /** In-place update. */
    UPDATE,
    /** The resource is missing and would be created. */
    CREATE,
    /** The resource would be deleted and created again. */
    REPLACE,
    /** The resource would be deleted. */
    DELETE;

    /** The more disruptive of two operations. */
    public Operation max(Operation other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
