package io.tap.reconciler.engine;

/** The pulumi CLI is missing or older than required; the message names the install step. */
public final class CliMissingException extends EngineException {

    public CliMissingException(String message) {
        super(Kind.CLI_MISSING, message, "", null);
    }
}
