package io.tap.reconciler.api;

/** A request body of the wrong shape; the message is safe to return to the client. */
final class InvalidRequestBodyException extends IllegalArgumentException {

    InvalidRequestBodyException(String message) {
        super(message);
    }
}
