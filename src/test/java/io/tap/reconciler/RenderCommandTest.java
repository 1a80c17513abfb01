package io.tap.reconciler;

import io.tap.reconciler.topology.TopologySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code render} command, run in process against the repository's {@code application.yml}. */
@ExtendWith(OutputCaptureExtension.class)
class RenderCommandTest {

    private static String render(int expectedExit, String... args) {
        var out = new ByteArrayOutputStream();
        int exit = RenderCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(expectedExit);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEveryDesiredResourceAsJsonAndSucceeds() {
        String json = render(RenderCommand.OK, "render");
        JsonNode doc = new ObjectMapper().readTree(json);
        JsonNode resources = doc.get("resources");
        assertThat(doc.get("resourceCount").asInt()).isEqualTo(resources.size()).isGreaterThan(400);
        Set<String> regions = new HashSet<>();
        for (JsonNode r : resources) {
            assertThat(r.propertyNames()).containsExactly("type", "logicalName", "physicalName", "region", "tags");
            assertThat(r.get("type").asString()).matches("(aws|pulumi):.+");
            regions.add(r.get("region").asString());
        }
        assertThat(regions).containsExactlyInAnyOrder("us-east-1", "us-west-2", "ap-south-1");
        JsonNode bucket = null;
        for (JsonNode r : resources) {
            if (r.get("logicalName").asString().equals("ap-south-1-s3-tap-data")) {
                bucket = r;
            }
        }
        assertThat(bucket).isNotNull();
        assertThat(bucket.get("type").asString()).isEqualTo("aws:s3/bucketV2:BucketV2");
        assertThat(bucket.get("physicalName").asString()).isEqualTo("prod-s3-tap-data-ap-south-1");
        assertThat(bucket.get("tags").get("CostCenter").asString()).isEqualTo("CC-1042");
        assertThat(bucket.get("tags").get("Name").asString()).isEqualTo("prod-s3-tap-data-ap-south-1");
        assertThat(doc.get("outputs").get("us-east-1").get("albDnsName").asString()).endsWith(".elb.amazonaws.com");
    }

    @Test
    void followsConfigurationOverrides() {
        String json = render(RenderCommand.OK, "render", "--tap.topology.database.replicas-per-region=2",
                "--tap.topology.owner=data-team");
        JsonNode doc = new ObjectMapper().readTree(json);
        int databases = 0;
        for (JsonNode r : doc.get("resources")) {
            if (r.get("type").asString().equals("aws:rds/instance:Instance")) {
                databases++;
                assertThat(r.get("tags").get("Owner").asString()).isEqualTo("data-team");
            }
        }
        assertThat(databases).as("a primary and two replicas per region").isEqualTo(9);
    }

    @Test
    void invalidConfigurationExitsNonZeroNamingEveryProperty(CapturedOutput output, @TempDir Path dir) throws Exception {
        Path yml = dir.resolve("application.yml");
        Files.writeString(yml, """
                tap:
                  topology:
                    owner: ""
                    cost-center: CC-1042
                    primary-region: us-east-1
                    regions:
                      - { name: us-east-1, vpc-cidr: 10.10.0.0/16, availability-zones: 3 }
                      - { name: us-west-2, vpc-cidr: 10.10.0.0/16, availability-zones: 1 }
                    compute: { min: 9, max: 6 }
                """);
        String json = render(RenderCommand.INVALID_CONFIGURATION, "render", "--spring.config.location=file:" + yml);
        assertThat(json).isEmpty();
        assertThat(output.getErr())
                .contains("tap.topology.owner: must not be empty")
                .contains("tap.topology.regions[1].vpc-cidr: 10.10.0.0/16 overlaps tap.topology.regions[0].vpc-cidr (10.10.0.0/16)")
                .contains("tap.topology.regions[1].availability-zones: 1 is outside 2..6")
                .contains("tap.topology.compute.min: 9 is greater than tap.topology.compute.max (6)")
                .contains("The TAP topology configuration (tap.topology) is invalid");
    }

    @Test
    void aTypoUnderTheTopologyIsRejected(CapturedOutput output) {
        render(RenderCommand.FAILED, "render", "--tap.topology.cost-centre=CC-1");
        assertThat(output.getErr()).contains("tap.topology.cost-centre");
    }

    @Test
    void theRenderContextHoldsOnlyTheTopologyConfiguration() {
        try (var context = RenderCommand.configuration(new String[0])) {
            assertThat(context.getBean(TopologySpec.class).regions()).hasSize(3);
            assertThat(context).isNotInstanceOf(org.springframework.boot.web.server.context.WebServerApplicationContext.class);
            assertThat(context.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
            assertThat(context.getBeanNamesForType(org.springframework.scheduling.TaskScheduler.class)).isEmpty();
            assertThat(context.getBeanDefinitionCount()).isLessThan(20);
        }
    }

    @Test
    void onlyTheRenderArgumentSelectsTheCommand() {
        assertThat(RenderCommand.isRequested(new String[] {"render"})).isTrue();
        assertThat(RenderCommand.isRequested(new String[] {"--server.port=0"})).isFalse();
        assertThat(RenderCommand.isRequested(new String[0])).isFalse();
    }
}
