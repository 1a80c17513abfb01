package io.tap.reconciler.config;

import io.tap.reconciler.topology.InvalidTopologyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link InvalidTopologyException} into a start-up report listing every problem. */
class TopologyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTopologyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidTopologyException cause) {
        return new FailureAnalysis(
                "The TAP topology configuration (tap.topology) is invalid:\n\n  - " + String.join("\n  - ", cause.problems()),
                "Correct the properties named above in application.yml (or the ConfigMap that provides it) and restart.",
                cause);
    }
}
