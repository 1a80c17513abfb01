package io.tap.reconciler.compliance;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ComplianceProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.time.Clock;

/**
 * Wires AWS Config compliance. With {@code tap.compliance.enabled=false} there is no {@link ComplianceReader}
 * bean (the reconciler then reports no compliance drift) and no Config client is ever built.
 */
@Configuration(proxyBeanMethods = false)
class ComplianceConfiguration {

    @Bean
    ComplianceState complianceState(ObjectProvider<MeterRegistry> registry) {
        return new ComplianceState(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "tap.compliance.enabled", matchIfMissing = true)
    ConfigClients complianceConfigClients(AwsProperties aws, ComplianceProperties properties,
                                          ObjectProvider<AwsCredentialsProvider> credentials) {
        return new ConfigClients(aws, properties, credentials.getIfAvailable());
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "tap.compliance.enabled", matchIfMissing = true)
    AwsConfigComplianceReader complianceReader(ConfigClients clients, ComplianceProperties properties,
                                               ComplianceState state, ObjectProvider<Clock> clock) {
        return new AwsConfigComplianceReader(clients, properties, state, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "tap.compliance.enabled", matchIfMissing = true)
    ConfigRemediator configRemediator(ConfigClients clients, ComplianceProperties properties,
                                      ComplianceState state, ObjectProvider<Clock> clock) {
        return new ConfigRemediator(clients, properties, state, clock.getIfAvailable(Clock::systemUTC));
    }
}
