package io.tap.reconciler.drift;

/** How one property differs. */
public enum ChangeKind { ADD, UPDATE, DELETE }
