package io.tap.reconciler.engine;

import io.tap.reconciler.config.EngineProperties;
import io.tap.reconciler.config.TapProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the engine: every {@link StackProgram} bean is registered by name (the topology registers
 * {@code tap}); the CLI is located lazily, so the service starts (and reports itself not ready)
 * when it is missing.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    StackPrograms stackPrograms(ObjectProvider<StackProgram> programs) {
        return new StackPrograms(programs.orderedStream().toList());
    }

    @Bean(destroyMethod = "close")
    PulumiStackEngine pulumiStackEngine(TapProperties tap, EngineProperties engine, StackPrograms programs) {
        return new PulumiStackEngine(tap, engine, programs);
    }
}
