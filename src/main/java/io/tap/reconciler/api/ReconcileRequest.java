package io.tap.reconciler.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.tap.reconciler.config.RemediationMode;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;

/**
 * Optional body of a reconcile trigger.
 *
 * @param mode a mode for this run only; it may be less permissive than the stack's mode, never more.
 *             Leave it out to keep the stack's mode.
 */
public record ReconcileRequest(RemediationMode mode) {

    /**
     * Reads the body strictly: {@code mode}, when present, must be one of the mode names. A number
     * (an enum ordinal) or an explicit {@code null} is refused rather than guessed at.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ReconcileRequest fromJson(JsonNode body) {
        if (!body.isObject()) throw new InvalidRequestBodyException("the body must be a JSON object");
        JsonNode mode = body.get("mode");
        if (mode == null) return new ReconcileRequest(null);
        if (mode.isString()) {
            for (RemediationMode m : RemediationMode.values()) {
                if (m.name().equals(mode.asString())) return new ReconcileRequest(m);
            }
        }
        throw new InvalidRequestBodyException("mode must be one of " + Arrays.toString(RemediationMode.values())
                + " (or left out to keep the stack's mode)");
    }
}
