package io.tap.reconciler.engine;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.DiffKind;
import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tap.reconciler.support.pulumi.EngineEvents.SECRET;
import static io.tap.reconciler.support.pulumi.EngineEvents.diagnostic;
import static io.tap.reconciler.support.pulumi.EngineEvents.input;
import static io.tap.reconciler.support.pulumi.EngineEvents.output;
import static io.tap.reconciler.support.pulumi.EngineEvents.outputs;
import static io.tap.reconciler.support.pulumi.EngineEvents.pre;
import static io.tap.reconciler.support.pulumi.EngineEvents.state;
import static io.tap.reconciler.support.pulumi.EngineEvents.step;
import static io.tap.reconciler.support.pulumi.EngineEvents.stepWithDiffs;
import static io.tap.reconciler.support.pulumi.EngineEvents.summary;
import static org.assertj.core.api.Assertions.assertThat;

class EngineEventMapperTest {

    private static final String SG = "urn:pulumi:prod::tap::aws:ec2/securityGroup:SecurityGroup::web";
    private static final String SG_TYPE = "aws:ec2/securityGroup:SecurityGroup";

    @Test
    void anUpdateBecomesOneEntryWithAChangePerDetailedDiffPathAndBothValues() {
        EngineEventMapper mapper = EngineEventMapper.forPreview();
        var old = state(SG, SG_TYPE,
                Map.of("tags", Map.of("Owner", "platform-team", "Legacy", "x"),
                        "ingress", List.of(Map.of("cidrBlocks", List.of("10.0.0.0/8"), "fromPort", 443.0))),
                Map.of("arn", "arn:aws:ec2:us-east-1:1:security-group/sg-1", "revision", 3.0));
        var next = state(SG, SG_TYPE,
                Map.of("tags", Map.of("Owner", "sre", "CostCenter", "CC-1042"),
                        "ingress", List.of(Map.of("cidrBlocks", List.of("10.10.0.0/16"), "fromPort", 443.0))),
                Map.of("arn", "arn:aws:ec2:us-east-1:1:security-group/sg-1", "revision", 4.0));
        mapper.accept(pre(step(OperationType.UPDATE, SG, SG_TYPE, old, next, Map.of(
                "tags.Owner", input(DiffKind.UPDATE),
                "tags.CostCenter", input(DiffKind.ADD),
                "tags.Legacy", input(DiffKind.DELETE),
                "ingress[0].cidrBlocks", input(DiffKind.UPDATE),
                "revision", output(DiffKind.UPDATE)))));
        mapper.accept(summary(Map.of(OperationType.UPDATE, 1, OperationType.SAME, 7)));

        ResourceDrift d = only(mapper.drifts());
        assertThat(d.urn()).isEqualTo(SG);
        assertThat(d.type()).isEqualTo(SG_TYPE);
        assertThat(d.operation()).isEqualTo(Operation.UPDATE);
        assertThat(d.sources()).containsExactly(DriftSource.CODE);
        assertThat(d.changes()).containsExactly(
                new PropertyChange("ingress[0].cidrBlocks", ChangeKind.UPDATE, true, "[10.0.0.0/8]", "[10.10.0.0/16]"),
                new PropertyChange("revision", ChangeKind.UPDATE, false, "3", "4"),
                new PropertyChange("tags.CostCenter", ChangeKind.ADD, true, null, "CC-1042"),
                new PropertyChange("tags.Legacy", ChangeKind.DELETE, true, "x", null),
                new PropertyChange("tags.Owner", ChangeKind.UPDATE, true, "platform-team", "sre"));
        assertThat(mapper.changeSummary()).containsExactlyInAnyOrderEntriesOf(Map.of("update", 1, "same", 7));
    }

    @Test
    void theStepsOfAReplaceMergeIntoOneReplaceAndNoOpStepsAreDropped() {
        EngineEventMapper mapper = EngineEventMapper.forPreview();
        String bucket = "urn:pulumi:prod::tap::aws:s3/bucketV2:BucketV2::audit";
        var old = state(bucket, "aws:s3/bucketV2:BucketV2", Map.of("bucket", "prod-audit"), Map.of());
        var next = state(bucket, "aws:s3/bucketV2:BucketV2", Map.of("bucket", "prod-audit-2"), Map.of());
        var diff = Map.of("bucket", input(DiffKind.UPDATE_REPLACE));
        mapper.accept(pre(step(OperationType.CREATE_REPLACEMENT, bucket, "aws:s3/bucketV2:BucketV2", old, next, diff)));
        mapper.accept(pre(step(OperationType.REPLACE, bucket, "aws:s3/bucketV2:BucketV2", old, next, diff)));
        mapper.accept(pre(step(OperationType.DELETE_REPLACED, bucket, "aws:s3/bucketV2:BucketV2", old, next, diff)));
        mapper.accept(pre(step(OperationType.SAME, SG, SG_TYPE, old, old, Map.of())));
        mapper.accept(pre(step(OperationType.READ, SG + "-read", SG_TYPE, old, old, Map.of())));
        String gone = "urn:pulumi:prod::tap::aws:sns/topic:Topic::old";
        mapper.accept(pre(step(OperationType.DELETE, gone, "aws:sns/topic:Topic", old, null, null)));
        String added = "urn:pulumi:prod::tap::aws:sns/topic:Topic::new";
        mapper.accept(pre(step(OperationType.CREATE, added, "aws:sns/topic:Topic", null, next, null)));

        assertThat(mapper.drifts()).extracting(ResourceDrift::urn, ResourceDrift::operation).containsExactly(
                org.assertj.core.groups.Tuple.tuple(bucket, Operation.REPLACE),
                org.assertj.core.groups.Tuple.tuple(gone, Operation.DELETE),
                org.assertj.core.groups.Tuple.tuple(added, Operation.CREATE));
        assertThat(mapper.drifts().get(0).changes()).containsExactly(
                new PropertyChange("bucket", ChangeKind.UPDATE, true, "prod-audit", "prod-audit-2"));
    }

    @Test
    void secretValuesAndKnownSecretsAreRenderedAsSecret() {
        SecretMasker masker = new SecretMasker().add("db-password-123");
        EngineEventMapper mapper = new EngineEventMapper(DriftSource.CODE, false, masker);
        String db = "urn:pulumi:prod::tap::aws:rds/instance:Instance::main";
        var old = state(db, "aws:rds/instance:Instance",
                Map.of("password", SECRET, "tags", Map.of("Note", "rotated from db-password-123"),
                        "settings", SECRET), Map.of());
        var next = state(db, "aws:rds/instance:Instance",
                Map.of("password", SECRET, "tags", Map.of("Note", "plain"), "settings", SECRET), Map.of());
        mapper.accept(pre(step(OperationType.UPDATE, db, "aws:rds/instance:Instance", old, next, Map.of(
                "password", input(DiffKind.UPDATE),
                "tags.Note", input(DiffKind.UPDATE),
                "settings.inner.key", input(DiffKind.UPDATE)))));
        mapper.accept(diagnostic("error", "connect failed for db-password-123"));

        assertThat(only(mapper.drifts()).changes()).containsExactly(
                new PropertyChange("password", ChangeKind.UPDATE, true, "[secret]", "[secret]"),
                new PropertyChange("settings.inner.key", ChangeKind.UPDATE, true, "[secret]", "[secret]"),
                new PropertyChange("tags.Note", ChangeKind.UPDATE, true, "rotated from [secret]", "plain"));
        assertThat(mapper.errors()).containsExactly("connect failed for [secret]");
    }

    @Test
    void refreshResultsComeFromOutputEventsWithStateAsOldAndCloudAsNew() {
        EngineEventMapper mapper = EngineEventMapper.forRefresh();
        String file = "urn:pulumi:prod::tap::tapfixture:index:File::motd";
        var recorded = state(file, "tapfixture:index:File", Map.of("content", "hello"), Map.of("content", "hello"));
        var cloud = state(file, "tapfixture:index:File", Map.of("content", "tampered"), Map.of("content", "tampered"));
        // the pre-event of a refresh step knows nothing yet and must not count
        mapper.accept(pre(step(OperationType.REFRESH, file, "tapfixture:index:File", recorded, recorded, null)));
        mapper.accept(outputs(step(OperationType.UPDATE, file, "tapfixture:index:File", recorded, cloud,
                Map.of("content", input(DiffKind.UPDATE)))));
        String deleted = "urn:pulumi:prod::tap::tapfixture:index:File::gone";
        mapper.accept(outputs(step(OperationType.DELETE, deleted, "tapfixture:index:File", recorded, null, null)));
        mapper.accept(outputs(step(OperationType.SAME, SG, SG_TYPE, recorded, recorded, null)));

        List<ResourceDrift> drifts = mapper.drifts();
        assertThat(drifts).extracting(ResourceDrift::urn).containsExactly(file, deleted);
        assertThat(drifts.get(0).operation()).isEqualTo(Operation.UPDATE);
        assertThat(drifts.get(0).sources()).containsExactly(DriftSource.CLOUD);
        assertThat(drifts.get(0).changes()).containsExactly(
                new PropertyChange("content", ChangeKind.UPDATE, true, "hello", "tampered"));
        assertThat(drifts.get(1).operation()).as("gone from the cloud: converging re-creates it").isEqualTo(Operation.CREATE);
        assertThat(drifts.get(1).notes()).containsExactly("deleted outside Pulumi");
    }

    @Test
    void aRefreshChangeWithoutADetailedDiffIsReportedPerChangedLeaf() {
        EngineEventMapper mapper = EngineEventMapper.forRefresh();
        String ref = "urn:pulumi:b::tap::pulumi:pulumi:StackReference::upstream";
        var recorded = state(ref, "pulumi:pulumi:StackReference", Map.of("name", "organization/tap/a"),
                Map.of("name", "organization/tap/a", "outputs", Map.of("endpoint", "v1", "same", "x", "dns.name", "a")));
        var cloud = state(ref, "pulumi:pulumi:StackReference", Map.of("name", "organization/tap/a"),
                Map.of("name", "organization/tap/a", "outputs", Map.of("endpoint", "v2", "same", "x", "dns.name", "b")));
        mapper.accept(outputs(stepWithDiffs(OperationType.UPDATE, ref, "pulumi:pulumi:StackReference", recorded, cloud,
                List.of())));

        assertThat(only(mapper.drifts()).changes()).containsExactly(
                new PropertyChange("outputs.endpoint", ChangeKind.UPDATE, false, "v1", "v2"),
                new PropertyChange("outputs[\"dns.name\"]", ChangeKind.UPDATE, false, "a", "b"));
    }

    @Test
    void anInvertedRefreshDiffThatNeedsAReplaceIsAReplace() {
        EngineEventMapper mapper = EngineEventMapper.forRefresh();
        String file = "urn:pulumi:prod::tap::tapfixture:index:File::motd";
        var recorded = state(file, "tapfixture:index:File", Map.of("path", "/a"), Map.of("path", "/a"));
        var cloud = state(file, "tapfixture:index:File", Map.of("path", "/b"), Map.of("path", "/b"));
        mapper.accept(outputs(step(OperationType.UPDATE, file, "tapfixture:index:File", recorded, cloud,
                Map.of("path", input(DiffKind.UPDATE_REPLACE)))));
        assertThat(only(mapper.drifts()).operation()).isEqualTo(Operation.REPLACE);
    }

    private static ResourceDrift only(List<ResourceDrift> drifts) {
        assertThat(drifts).hasSize(1);
        return drifts.get(0);
    }
}
