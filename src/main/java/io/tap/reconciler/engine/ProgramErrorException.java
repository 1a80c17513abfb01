package io.tap.reconciler.engine;

/** The Pulumi program or its configuration is wrong (code error, missing config, invalid input): permanent. */
public final class ProgramErrorException extends EngineException {

    public ProgramErrorException(String message, String stderrTail, Throwable cause) {
        super(Kind.PROGRAM_ERROR, message, stderrTail, cause);
    }
}
