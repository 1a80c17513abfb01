package io.tap.reconciler.api;

import io.tap.reconciler.config.ApiSecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Security of the REST API: stateless bearer tokens, {@code viewer} may GET, {@code operator} may
 * also POST. Everything that is not explicitly opened needs a token, so a service without tokens
 * configured refuses every API call rather than being open.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    @Bean
    ApiTokens apiTokens(ApiSecurityProperties properties) {
        ApiTokens tokens = ApiTokens.from(properties);
        if (tokens.isEmpty()) {
            log.warn("No API tokens configured (TAP_API_TOKENS or tap.security.tokens-file): "
                    + "every /api/v1 request and every protected actuator endpoint is refused");
        } else {
            log.info("{} API token(s) configured", tokens.size());
        }
        return tokens;
    }

    @Bean
    ApiTokenAuthenticationProvider apiTokenAuthenticationProvider(ApiTokens tokens) {
        return new ApiTokenAuthenticationProvider(tokens);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiTokenAuthenticationProvider provider) {
        return stateless(http, provider)
                .securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/**").hasRole("OPERATOR")
                        .anyRequest().hasRole("OPERATOR"))
                .build();
    }

    /** The OpenAPI document is public (it holds no data); anything else unknown needs a token. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http, ApiTokenAuthenticationProvider provider) {
        return stateless(http, provider)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().hasRole("VIEWER"))
                .build();
    }

    /** Common settings: bearer tokens only, no session, no cookies, no login pages. */
    static HttpSecurity stateless(HttpSecurity http, ApiTokenAuthenticationProvider provider) {
        return http
                .csrf(AbstractHttpConfigurer::disable) // no cookies or sessions: a bearer token cannot be forged cross-site
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationProvider(provider)
                .addFilterBefore(new BearerTokenFilter(provider), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(SecurityProblems.unauthorized())
                        .accessDeniedHandler(SecurityProblems.forbidden()));
    }
}
