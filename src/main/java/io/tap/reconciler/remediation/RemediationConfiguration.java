package io.tap.reconciler.remediation;

import io.tap.reconciler.config.RemediationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the remediation policy from {@code tap.remediation}. */
@Configuration(proxyBeanMethods = false)
class RemediationConfiguration {

    @Bean
    RemediationPolicy remediationPolicy(RemediationProperties properties) {
        return new RemediationPolicy(properties);
    }
}
