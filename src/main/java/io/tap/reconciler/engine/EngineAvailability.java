package io.tap.reconciler.engine;

/**
 * Whether the engine can start.
 *
 * @param available true when operations can run
 * @param version   the CLI version found, or {@code null}
 * @param problem   why it cannot run, with the install step; {@code null} when available
 */
public record EngineAvailability(boolean available, String version, String problem) {
}
