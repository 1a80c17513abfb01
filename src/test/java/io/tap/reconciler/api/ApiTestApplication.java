package io.tap.reconciler.api;

import io.tap.reconciler.observability.ObservabilityConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Duration;

/**
 * The web surface (API, security, actuator, OpenAPI) of the real application on real ports, with
 * fakes behind the reconciler contracts. A {@code @TestConfiguration} so that the application's
 * component scan never picks it up. Database and migrations are switched off: they belong to the
 * reconciler, not to the surface under test.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@Import({ApiSecurityConfiguration.class, ManagementSecurityConfiguration.class, OpenApiConfiguration.class,
        ObservabilityConfiguration.class, StacksController.class, RunsController.class, ApiProblemAdvice.class,
        ProblemErrorController.class, NullBodyRejectingAdvice.class})
public class ApiTestApplication {

    /** Start of the fake timeline: a minute after the fake's last successful check of {@code prod}. */
    public static final java.time.Instant START = FakeReconciler.T0.plus(Duration.ofSeconds(60));

    @Bean
    FakeReconciler fakeReconciler() {
        return new FakeReconciler();
    }

    @Bean
    FakeEngine fakeEngine() {
        return new FakeEngine();
    }

    @Bean
    MutableClock clock() {
        return new MutableClock(START);
    }
}
