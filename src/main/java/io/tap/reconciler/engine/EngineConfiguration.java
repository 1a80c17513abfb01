package io.tap.reconciler.engine;

import io.tap.reconciler.config.EngineProperties;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.topology.TapStack;
import io.tap.reconciler.topology.TopologySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * Wires the engine: every {@link StackProgram} bean is registered by name (the topology registers
 * {@code tap}); the CLI is located lazily, so the service starts (and reports itself not ready)
 * when it is missing.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    /**
     * The TAP topology, the program of every stack with {@code program: tap}. Each region gets an
     * explicit provider inside the program; {@code aws:region} only sets the default provider's region.
     */
    @Bean
    StackProgram tapProgram(TopologySpec spec) {
        return new StackProgram("tap", TapStack.program(spec), Map.of("aws:region", spec.primaryRegion()),
                Map.of());
    }

    @Bean
    StackPrograms stackPrograms(ObjectProvider<StackProgram> programs) {
        return new StackPrograms(programs.orderedStream().toList());
    }

    @Bean(destroyMethod = "close")
    PulumiStackEngine pulumiStackEngine(TapProperties tap, EngineProperties engine, StackPrograms programs) {
        return new PulumiStackEngine(tap, engine, programs);
    }
}
