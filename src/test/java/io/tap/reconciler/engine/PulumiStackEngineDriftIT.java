package io.tap.reconciler.engine;

import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;
import io.tap.reconciler.support.pulumi.FixtureFile;
import io.tap.reconciler.support.pulumi.FixturePrograms;
import io.tap.reconciler.support.pulumi.FixturePrograms.Desired;
import io.tap.reconciler.support.pulumi.FixturePrograms.FileSpec;
import io.tap.reconciler.support.pulumi.OutOfBand;
import io.tap.reconciler.support.pulumi.PulumiCliExtension;
import io.tap.reconciler.support.pulumi.PulumiFixtureEngine;
import io.tap.reconciler.support.pulumi.PulumiTestCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Code drift, cloud drift and remediation against the real pulumi CLI and the fixture provider. */
@ExtendWith(PulumiCliExtension.class)
class PulumiStackEngineDriftIT {

    @Test
    void previewReportsUpdateWithThePathDeleteOnRemovalAndReplaceOnAReplacingChange(PulumiTestCli cli, @TempDir Path dir) {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        Desired desired = new Desired()
                .put("alpha", new FileSpec(a, "one", "0644"))
                .put("beta", FileSpec.of(b, "two"));
        try (var fx = PulumiFixtureEngine.builder(cli, dir).stack("code", FixturePrograms.files(desired)).build()) {
            StackEngine engine = fx.engine();
            engine.up("code", Set.of());
            assertThat(OutOfBand.read(a)).isEqualTo("one");
            assertThat(engine.preview("code").resources()).as("freshly deployed stack").isEmpty();

            desired.put("alpha", new FileSpec(a, "one-changed", "0600"));
            EngineResult update = engine.preview("code");
            ResourceDrift alpha = only(update.resources());
            assertThat(alpha.urn()).isEqualTo(PulumiFixtureEngine.urn("code", FixtureFile.TYPE, "alpha"));
            assertThat(alpha.operation()).isEqualTo(Operation.UPDATE);
            assertThat(alpha.sources()).containsExactly(DriftSource.CODE);
            assertThat(alpha.changes()).containsExactly(
                    new PropertyChange("content", ChangeKind.UPDATE, true, "one", "one-changed"),
                    new PropertyChange("mode", ChangeKind.UPDATE, true, "0644", "0600"));
            assertThat(update.changeSummary()).containsEntry("update", 1);

            desired.put("alpha", new FileSpec(a, "one", "0644")).remove("beta");
            ResourceDrift beta = only(engine.preview("code").resources());
            assertThat(beta.urn()).endsWith("::beta");
            assertThat(beta.operation()).isEqualTo(Operation.DELETE);

            desired.put("beta", FileSpec.of(dir.resolve("b-moved.txt"), "two"));
            ResourceDrift moved = only(engine.preview("code").resources());
            assertThat(moved.urn()).endsWith("::beta");
            assertThat(moved.operation()).isEqualTo(Operation.REPLACE);
            assertThat(moved.changes()).extracting(PropertyChange::path, PropertyChange::kind, PropertyChange::newValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("path", ChangeKind.UPDATE,
                            dir.resolve("b-moved.txt").toString()));
            assertThat(OutOfBand.read(b)).as("previews change nothing").isEqualTo("two");
        }
    }

    @Test
    void refreshPreviewSeesAFileEditedOutOfBandAndATargetedUpConvergesIt(PulumiTestCli cli, @TempDir Path dir) {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        Desired desired = new Desired().put("alpha", FileSpec.of(a, "desired")).put("beta", FileSpec.of(b, "keep"));
        try (var fx = PulumiFixtureEngine.builder(cli, dir).stack("cloud", FixturePrograms.files(desired)).build()) {
            StackEngine engine = fx.engine();
            engine.up("cloud", Set.of());
            assertThat(engine.refreshPreview("cloud").resources()).as("no drift yet").isEmpty();

            OutOfBand.editFile(a, "tampered");
            OutOfBand.deleteFile(b);
            EngineResult refresh = engine.refreshPreview("cloud");
            String alphaUrn = PulumiFixtureEngine.urn("cloud", FixtureFile.TYPE, "alpha");
            String betaUrn = PulumiFixtureEngine.urn("cloud", FixtureFile.TYPE, "beta");
            assertThat(refresh.resources()).extracting(ResourceDrift::urn).containsExactlyInAnyOrder(alphaUrn, betaUrn);
            ResourceDrift alpha = byUrn(refresh.resources(), alphaUrn);
            assertThat(alpha.operation()).isEqualTo(Operation.UPDATE);
            assertThat(alpha.sources()).containsExactly(DriftSource.CLOUD);
            assertThat(alpha.changes()).containsExactly(
                    new PropertyChange("content", ChangeKind.UPDATE, true, "desired", "tampered"));
            ResourceDrift beta = byUrn(refresh.resources(), betaUrn);
            assertThat(beta.operation()).as("deleted outside Pulumi: converging re-creates it").isEqualTo(Operation.CREATE);
            assertThat(OutOfBand.read(a)).as("refresh preview changes nothing").isEqualTo("tampered");

            DriftReport report = DriftReport.merge("cloud", Instant.now(), refresh.resources(),
                    engine.preview("cloud").resources());
            assertThat(report.isClean()).isFalse();
            assertThat(report.fingerprint()).isEqualTo(DriftReport.merge("cloud", Instant.now(),
                    engine.refreshPreview("cloud").resources(), engine.preview("cloud").resources()).fingerprint());

            EngineResult up = engine.up("cloud", Set.of(alphaUrn));
            assertThat(up.resources()).extracting(ResourceDrift::urn).containsExactly(alphaUrn);
            assertThat(OutOfBand.read(a)).isEqualTo("desired");
            assertThat(b).as("untargeted resource left alone").doesNotExist();

            engine.up("cloud", Set.of(betaUrn));
            assertThat(OutOfBand.read(b)).isEqualTo("keep");
            assertThat(engine.preview("cloud").resources()).as("converged: code vs state").isEmpty();
            assertThat(engine.refreshPreview("cloud").resources()).as("converged: cloud vs state").isEmpty();
        }
    }

    static ResourceDrift only(List<ResourceDrift> drifts) {
        assertThat(drifts).hasSize(1);
        return drifts.get(0);
    }

    static ResourceDrift byUrn(List<ResourceDrift> drifts, String urn) {
        return drifts.stream().filter(d -> d.urn().equals(urn)).findFirst().orElseThrow();
    }
}
