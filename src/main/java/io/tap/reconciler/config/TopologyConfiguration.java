package io.tap.reconciler.config;

import io.tap.reconciler.topology.InvalidTopologyException;
import io.tap.reconciler.topology.TopologySpec;
import io.tap.reconciler.topology.TopologyValidator;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Binds {@code tap.topology} to a {@link TopologySpec} and validates it, so an invalid estate
 * stops start-up with one message per problem naming the property path
 * ({@link TopologyFailureAnalyzer} prints them). Unknown keys under {@code tap.topology} are an
 * error too: a typo in a production topology must not silently fall back to a default.
 *
 * <p>The engine gets the Pulumi program for the spec with {@code TapStack.program(spec)}.
 */
@Configuration(proxyBeanMethods = false)
public class TopologyConfiguration {

    /** The validated desired estate. */
    @Bean
    public TopologySpec topologySpec(Environment environment) {
        return bind(environment);
    }

    /**
     * Binds and validates {@code tap.topology} from {@code environment}.
     *
     * @throws InvalidTopologyException naming every problem
     */
    public static TopologySpec bind(Environment environment) {
        BindHandler strict = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
        TopologySpec spec = Binder.get(environment)
                .bind(TopologyValidator.DEFAULT_PREFIX, Bindable.of(TopologySpec.class), strict)
                .orElseGet(() -> new TopologySpec(null, null, null, null, null, null, List.of(), null, null, null, null));
        return spec.validated(TopologyValidator.DEFAULT_PREFIX);
    }
}
