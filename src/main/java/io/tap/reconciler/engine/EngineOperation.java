package io.tap.reconciler.engine;

/** The engine operations we run. */
public enum EngineOperation { REFRESH_PREVIEW, PREVIEW, UP }
