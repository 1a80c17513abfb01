package io.tap.reconciler.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ValidationProperties;
import io.tap.reconciler.validation.AwsClients;
import io.tap.reconciler.validation.ValidationRunner;
import io.tap.reconciler.validation.ValidationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = ValidationController.class)
@Import({ApiSecurityConfiguration.class, ApiProblemAdvice.class, ValidationControllerTest.Beans.class})
@TestPropertySource(properties = ApiTestTokens.PROPERTY)
class ValidationControllerTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        FakeReconciler fakeReconciler() {
            return new FakeReconciler();
        }

        @Bean(destroyMethod = "close")
        AwsClients awsClients() {
            return new AwsClients(new AwsProperties(null, Duration.ofSeconds(1)));
        }

        @Bean
        ValidationService validationService(AwsClients aws) {
            var props = ValidationProperties.defaults();
            return new ValidationService(new ValidationRunner(aws, props, Clock.systemUTC()), props, new SimpleMeterRegistry());
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ValidationService validation;

    @Test
    void theNewestReportIsServedToAViewerAndUnknownOrUnvalidatedStacksAre404Problems() throws Exception {
        mvc.perform(get("/api/v1/stacks/staging/validation").header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiTestTokens.VIEWER))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/stacks/nope/validation").header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiTestTokens.VIEWER))
                .andExpect(status().isNotFound());

        validation.validate("prod", "run-9", Map.of());

        mvc.perform(get("/api/v1/stacks/prod/validation").header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiTestTokens.VIEWER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stack").value("prod"))
                .andExpect(jsonPath("$.runId").value("run-9"))
                .andExpect(jsonPath("$.results[0].check").value("outputs"))
                .andExpect(jsonPath("$.results[0].status").value("ERROR"))
                .andExpect(jsonPath("$.results[0].evidence").value("The stack exports no per-region outputs."));
        mvc.perform(get("/api/v1/stacks/prod/validation")).andExpect(status().isUnauthorized());
    }
}
