package io.tap.reconciler.engine;

import io.tap.reconciler.config.TopologyConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EngineConfigurationTest {

    @Test
    void theShippedConfigurationRegistersTheTapProgramForStacksThatNameIt() throws IOException {
        var env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new FileSystemResource("application.yml"))
                .forEach(env.getPropertySources()::addLast);
        var config = new EngineConfiguration();
        var spec = TopologyConfiguration.bind(env);

        StackPrograms programs = new StackPrograms(List.of(config.tapProgram(spec)));

        StackProgram tap = programs.get("tap");
        assertThat(tap.config()).containsEntry("aws:region", spec.primaryRegion());
        assertThat(spec.primaryRegion()).isEqualTo("us-east-1");
        assertThat(tap.secretConfig()).isEmpty();
    }
}
