package io.tap.reconciler.api;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The MVC slice of the API with its real security and a {@link FakeReconciler} behind the contracts. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(controllers = {StacksController.class, RunsController.class, ProblemErrorController.class})
@Import({ApiSecurityConfiguration.class, ApiSliceTest.Fakes.class})
@TestPropertySource(properties = ApiTestTokens.PROPERTY)
@interface ApiSliceTest {

    @TestConfiguration(proxyBeanMethods = false)
    class Fakes {
        @Bean
        FakeReconciler fakeReconciler() {
            return new FakeReconciler();
        }
    }
}
