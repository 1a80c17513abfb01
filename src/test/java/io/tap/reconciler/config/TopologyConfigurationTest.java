package io.tap.reconciler.config;

import io.tap.reconciler.topology.InvalidTopologyException;
import io.tap.reconciler.topology.TopologySpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyConfigurationTest {

    @Test
    void theRepositoryApplicationYmlBindsToTheDefaultEstate() throws Exception {
        var env = new MockEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new FileSystemResource("application.yml"))
                .forEach(s -> env.getPropertySources().addLast(s));
        TopologySpec spec = TopologyConfiguration.bind(env);
        assertThat(spec.owner()).isEqualTo("platform-team");
        assertThat(spec.costCenter()).isEqualTo("CC-1042");
        assertThat(spec.primaryRegion()).isEqualTo("us-east-1");
        assertThat(spec.regions()).containsExactly(
                new TopologySpec.Region("us-east-1", "10.10.0.0/16", 3),
                new TopologySpec.Region("us-west-2", "10.20.0.0/16", 3),
                new TopologySpec.Region("ap-south-1", "10.30.0.0/16", 2));
        assertThat(spec.compute()).isEqualTo(new TopologySpec.Compute("t3.medium", 2, 6, 2, 8080));
        assertThat(spec.database()).isEqualTo(new TopologySpec.Database("db.r6g.large", "16", 1, 100));
    }

    private static MockEnvironment valid() {
        return new MockEnvironment()
                .withProperty("tap.topology.owner", "o")
                .withProperty("tap.topology.cost-center", "c")
                .withProperty("tap.topology.primary-region", "us-east-1")
                .withProperty("tap.topology.regions[0].name", "us-east-1")
                .withProperty("tap.topology.regions[0].vpc-cidr", "10.0.0.0/16");
    }

    @Test
    void invalidValuesFailWithPropertyPaths() {
        var env = valid().withProperty("tap.topology.regions[1].name", "us-east-1")
                .withProperty("tap.topology.regions[1].vpc-cidr", "10.0.0.0/16")
                .withProperty("tap.topology.regions[1].availability-zones", "1");
        assertThatThrownBy(() -> TopologyConfiguration.bind(env))
                .isInstanceOfSatisfying(InvalidTopologyException.class, e -> assertThat(e.problems()).containsExactly(
                        "tap.topology.regions[1].name: duplicate region 'us-east-1', already at tap.topology.regions[0].name",
                        "tap.topology.regions[1].vpc-cidr: 10.0.0.0/16 overlaps tap.topology.regions[0].vpc-cidr (10.0.0.0/16); peered VPCs need disjoint blocks",
                        "tap.topology.regions[1].availability-zones: 1 is outside 2..6 (Multi-AZ RDS, the ALB and one NAT per AZ need at least 2)"));
    }

    @Test
    void aMissingSectionIsReportedNotDefaulted() {
        assertThatThrownBy(() -> TopologyConfiguration.bind(new MockEnvironment()))
                .isInstanceOfSatisfying(InvalidTopologyException.class, e -> assertThat(e.problems()).contains(
                        "tap.topology.owner: must not be empty (it is a required tag on every resource)",
                        "tap.topology.regions: must list at least one region"));
    }

    @Test
    void unknownKeysAreErrors() {
        var env = valid().withProperty("tap.topology.cost-centre", "typo");
        assertThatThrownBy(() -> TopologyConfiguration.bind(env)).isInstanceOf(BindException.class)
                .hasMessageContaining("tap.topology");
    }

    @Test
    void invalidConfigurationStopsTheContextAndIsAnalyzed() {
        new ApplicationContextRunner().withUserConfiguration(TopologyConfiguration.class)
                .withPropertyValues("tap.topology.owner=o", "tap.topology.cost-center=",
                        "tap.topology.primary-region=us-east-1", "tap.topology.regions[0].name=us-east-1",
                        "tap.topology.regions[0].vpc-cidr=10.0.0.0/16")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    var analysis = new TopologyFailureAnalyzer().analyze(failure);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains(
                            "tap.topology.cost-center: must not be empty (it is a required tag on every resource)");
                    assertThat(analysis.getAction()).contains("application.yml");
                });
        new ApplicationContextRunner().withUserConfiguration(TopologyConfiguration.class)
                .withPropertyValues("tap.topology.owner=o", "tap.topology.cost-center=c",
                        "tap.topology.primary-region=us-east-1", "tap.topology.regions[0].name=us-east-1",
                        "tap.topology.regions[0].vpc-cidr=10.0.0.0/16")
                .run(context -> assertThat(context).hasSingleBean(TopologySpec.class));
    }

    @Test
    void theFailureAnalyzerIsRegistered() throws Exception {
        var registered = new java.util.ArrayList<String>();
        var files = getClass().getClassLoader().getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION);
        while (files.hasMoreElements()) {
            var props = new java.util.Properties();
            try (var in = files.nextElement().openStream()) {
                props.load(in);
            }
            String value = props.getProperty(FailureAnalyzer.class.getName());
            if (value != null) {
                registered.addAll(List.of(value.split("\\s*,\\s*")));
            }
        }
        assertThat(registered).contains(TopologyFailureAnalyzer.class.getName());
    }
}
