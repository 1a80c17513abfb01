package io.tap.reconciler.api;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Actuator on the management port: health (probes) and prometheus (scrapes) are open, every
 * other exposed endpoint (e.g. {@code reconciliation}) needs a viewer token.
 */
@Configuration(proxyBeanMethods = false)
public class ManagementSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain managementSecurityFilterChain(HttpSecurity http, ApiTokenAuthenticationProvider provider) {
        return ApiSecurityConfiguration.stateless(http, provider)
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll()
                        .anyRequest().hasRole("VIEWER"))
                .build();
    }
}
