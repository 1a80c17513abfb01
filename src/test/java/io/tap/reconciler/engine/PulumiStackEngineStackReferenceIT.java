package io.tap.reconciler.engine;

import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.support.pulumi.FixturePrograms;
import io.tap.reconciler.support.pulumi.PulumiCliExtension;
import io.tap.reconciler.support.pulumi.PulumiFixtureEngine;
import io.tap.reconciler.support.pulumi.PulumiTestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md §5's cloud-drift case: stack B holds a StackReference to stack A; A's output changes
 * and A is updated; B's refresh preview must see it.
 */
@ExtendWith(PulumiCliExtension.class)
class PulumiStackEngineStackReferenceIT {

    @Test
    void refreshPreviewOfTheReferencingStackSeesTheReferencedStacksChangedOutput(PulumiTestCli cli, @TempDir Path dir) {
        AtomicReference<String> exported = new AtomicReference<>("v1");
        try (var fx = PulumiFixtureEngine.builder(cli, dir)
                .stack("upstream", FixturePrograms.exporter("endpoint", exported))
                .stack("downstream", FixturePrograms.referencing(PulumiFixtureEngine.qualified("upstream"), "endpoint"))
                .build()) {
            StackEngine engine = fx.engine();
            engine.up("upstream", Set.of());
            engine.up("downstream", Set.of());
            assertThat(engine.outputs("downstream")).containsEntry("seen", "v1");
            assertThat(engine.refreshPreview("downstream").resources()).isEmpty();

            exported.set("v2");
            engine.up("upstream", Set.of());

            List<ResourceDrift> drift = engine.refreshPreview("downstream").resources();
            String refUrn = "urn:pulumi:downstream::" + PulumiFixtureEngine.PROJECT
                    + "::pulumi:pulumi:StackReference::upstream";
            assertThat(drift).extracting(ResourceDrift::urn).containsExactly(refUrn);
            ResourceDrift ref = drift.get(0);
            assertThat(ref.sources()).containsExactly(DriftSource.CLOUD);
            assertThat(ref.changes()).anySatisfy(c -> {
                assertThat(c.path()).isEqualTo("outputs.endpoint");
                assertThat(c.oldValue()).isEqualTo("v1");
                assertThat(c.newValue()).isEqualTo("v2");
            });
        }
    }
}
