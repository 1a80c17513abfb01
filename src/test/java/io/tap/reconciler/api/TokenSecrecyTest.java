package io.tap.reconciler.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Tokens never appear in logs or responses, even with security and web logging at TRACE, for
 * accepted, refused and invalid tokens alike.
 */
@ApiSliceTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.org.springframework.security=TRACE",
        "logging.level.org.springframework.web=TRACE", "logging.level.io.tap=TRACE"})
class TokenSecrecyTest {

    static final String WRONG = "wrong-token-that-nobody-has-0123456789";

    @Autowired
    MockMvc mvc;
    @Autowired
    FakeReconciler fake;

    @Test
    void noTokenAppearsInLogsOrResponses(CapturedOutput output) throws Exception {
        fake.reset();
        List<String> bodies = new ArrayList<>();
        for (String token : List.of(ApiTestTokens.OPERATOR, ApiTestTokens.VIEWER, WRONG)) {
            for (MockHttpServletRequestBuilder request : List.of(
                    get("/api/v1/stacks"),
                    get("/api/v1/stacks/prod/drift"),
                    get("/api/v1/runs/nope"),
                    post("/api/v1/stacks/prod/reconcile").contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"X\"}"),
                    post("/api/v1/stacks/prod/reconcile").contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"DETECT_ONLY\"}"),
                    post("/api/v1/runs/" + FakeReconciler.AWAITING_RUN + "/approve"))) {
                var response = mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).andReturn().getResponse();
                bodies.add(response.getContentAsString() + response.getHeaderNames().stream()
                        .map(h -> h + ": " + response.getHeaders(h)).toList());
            }
        }

        assertThat(fake.approvals()).as("the requests did reach the reconciler").isNotEmpty();
        assertThat(output.getAll()).as("TRACE logging was on and the audit line names the token's owner")
                .contains("AuthorizationFilter").contains("approved by alice");
        for (String secret : List.of(ApiTestTokens.OPERATOR, ApiTestTokens.VIEWER, WRONG)) {
            assertThat(output.getAll()).doesNotContain(secret).doesNotContain(secret.substring(0, 12));
            assertThat(bodies).noneMatch(b -> b.contains(secret));
        }
    }
}
