package io.tap.reconciler.api;

import io.tap.reconciler.observability.ObservabilityConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@link ApiTestApplication} on random ports (the API and, separately, the management port).
 * {@link ObservabilityConfiguration} is named as well so that Spring Boot uses exactly these
 * classes instead of also searching for the application's {@code @SpringBootConfiguration}
 * (it does that when every given class is a test component). One cached context for all users.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {ApiTestApplication.class, ObservabilityConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", ApiTestTokens.PROPERTY})
public @interface ApiAppTest {
}
