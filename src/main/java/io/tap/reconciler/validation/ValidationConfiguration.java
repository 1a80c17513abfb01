package io.tap.reconciler.validation;

import io.micrometer.core.instrument.MeterRegistry;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ValidationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** Wires continuous validation: one set of AWS clients, the runner and the service. */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

    @Bean(destroyMethod = "close")
    AwsClients validationAwsClients(AwsProperties aws) {
        return new AwsClients(aws);
    }

    @Bean(destroyMethod = "close")
    ValidationRunner validationRunner(AwsClients validationAwsClients, ValidationProperties properties,
                                      ObjectProvider<Clock> clock) {
        return new ValidationRunner(validationAwsClients, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ValidationResults validationResults(JdbcClient jdbc) {
        return new ValidationResults(jdbc);
    }

    @Bean
    ValidationService validationService(ValidationRunner validationRunner, ValidationProperties properties,
                                        MeterRegistry meters, ValidationResults validationResults) {
        return new ValidationService(validationRunner, properties, meters, validationResults);
    }
}
