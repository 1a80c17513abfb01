package io.tap.reconciler.topology;

import com.google.common.collect.ImmutableMap;
import com.pulumi.test.Mocks;
import io.tap.reconciler.topology.naming.AwsService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;

import static io.tap.reconciler.topology.Rendered.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A one-region estate with a hosted zone: no peering, no replication, certificates validated by the program. */
class SingleRegionTest {

    static TopologyRender.Result r;

    @BeforeAll
    static void render() {
        r = TopologyRender.run(Specs.oneRegionWithHostedZone());
    }

    @Test
    void certificatesAreValidatedThroughTheHostedZone() {
        var record = r.named("us-east-1-acm-web-validation-record");
        assertThat(record.inputs()).containsEntry("zoneId", "Z0123456789ABCDEFGHIJ").containsEntry("type", "CNAME");
        assertThat((String) record.inputs().get("name")).endsWith(".us-east-1.shop.example.org.");
        assertThat(list(record.inputs().get("records"))).singleElement().asString().endsWith(".acm-validations.aws.");
        var validation = r.named("us-east-1-acm-web-validation");
        assertThat(list(validation.inputs().get("validationRecordFqdns")))
                .containsExactly(((String) record.inputs().get("name")).replaceAll("\\.$", ""));
        assertThat(r.named("us-east-1-acm-web").inputs()).containsEntry("domainName", "us-east-1.shop.example.org");
    }

    @Test
    void aSingleRegionHasNoPeeringAndNoReplication() {
        assertThat(r.ofType("aws:ec2/vpcPeeringConnection:VpcPeeringConnection")).isEmpty();
        assertThat(r.ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")).isEmpty();
        assertThat(r.ofType("aws:cloudtrail/trail:Trail")).hasSize(1);
        assertThat(r.outputs().get(TapOutputs.PEERING_CONNECTION_IDS)).isEqualTo(java.util.Map.of());
        assertThat(r.ofType("aws:cloudwatch/logGroup:LogGroup"))
                .allSatisfy(g -> assertThat(((Number) g.inputs().get("retentionInDays")).intValue()).isEqualTo(30));
    }

    @Test
    void applyTagsGivesTheRequiredTagsAndTheConventionalName() {
        var tags = new io.tap.reconciler.topology.naming.Tags("PROD", "o", "c", "TAP");
        assertThat(tags.named(new io.tap.reconciler.topology.naming.ResourceNames("PROD").physical(AwsService.VPC, "main", "eu-west-1")))
                .containsEntry("Name", "PROD-vpc-main-eu-west-1").containsKeys("Environment", "Owner", "CostCenter", "Project");
    }

    @Test
    void unknownInvokesFailLoudlyOffline() {
        var future = new OfflineMocks().callAsync(new Mocks.CallArgs("aws:ec2/getAmi:getAmi", ImmutableMap.of(), null));
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("no offline answer for invoke aws:ec2/getAmi:getAmi");
    }

    @Test
    void aFailingProgramIsReportedWithItsCause() {
        assertThatThrownBy(() -> LambdaCode.archive("missing.py")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing Lambda source lambda/missing.py");
        assertThat(List.of(r.named("us-east-1-lambda-automation").physicalName())).containsExactly("PROD-lambda-automation-us-east-1");
    }
}
