package io.tap.reconciler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.PropertyChange;

/**
 * One attribute difference; values are rendered by the engine with secrets already {@code [secret]}.
 *
 * @param path     property path, e.g. {@code tags.Owner}
 * @param kind     add, update or delete
 * @param input    true for an input property, false for an output
 * @param oldValue the recorded value; absent when unknown
 * @param newValue the observed or desired value; absent when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PropertyChangeView(String path, ChangeKind kind, boolean input, String oldValue, String newValue) {

    static PropertyChangeView of(PropertyChange c) {
        return new PropertyChangeView(c.path(), c.kind(), c.input(), c.oldValue(), c.newValue());
    }
}
