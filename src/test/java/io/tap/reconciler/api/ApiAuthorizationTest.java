package io.tap.reconciler.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.stream.Stream;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The auth matrix of every endpoint: no token 401, bad token 401, viewer GET only, operator everything. */
@ApiSliceTest
class ApiAuthorizationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    FakeReconciler fake;

    record Endpoint(HttpMethod method, String path, int operatorStatus) {
        boolean mutating() {
            return method == HttpMethod.POST;
        }

        MockHttpServletRequestBuilder request() {
            MockHttpServletRequestBuilder b = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .request(method, path);
            return mutating() ? b.contentType(MediaType.APPLICATION_JSON).content("{}") : b;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint(HttpMethod.GET, "/api/v1/stacks", 200),
                new Endpoint(HttpMethod.GET, "/api/v1/stacks/prod/drift", 200),
                new Endpoint(HttpMethod.POST, "/api/v1/stacks/prod/reconcile", 202),
                new Endpoint(HttpMethod.GET, "/api/v1/runs?stack=prod&limit=5", 200),
                new Endpoint(HttpMethod.GET, "/api/v1/runs/" + FakeReconciler.DRIFTED_RUN, 200),
                new Endpoint(HttpMethod.POST, "/api/v1/runs/" + FakeReconciler.AWAITING_RUN + "/approve", 202));
    }

    @BeforeEach
    void resetState() {
        fake.reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutTokenIs401ProblemWithBearerChallenge(Endpoint e) throws Exception {
        mvc.perform(e.request())
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.instance").value(e.path().replaceAll("\\?.*", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withUnknownTokenIs401InvalidToken(Endpoint e) throws Exception {
        mvc.perform(e.request().header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiTestTokens.OPERATOR + "x"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The bearer token is not valid."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withBasicAuthInsteadOfBearerIs401(Endpoint e) throws Exception {
        mvc.perform(e.request().header(HttpHeaders.AUTHORIZATION, "Basic YWxpY2U6" + ApiTestTokens.OPERATOR))
                .andExpect(status().isUnauthorized());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void viewerMayReadButNotChange(Endpoint e) throws Exception {
        var result = mvc.perform(e.request().header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiTestTokens.VIEWER));
        if (e.mutating()) {
            result.andExpect(status().isForbidden())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(403));
            org.assertj.core.api.Assertions.assertThat(fake.triggers()).isEmpty();
            org.assertj.core.api.Assertions.assertThat(fake.approvals()).isEmpty();
        } else {
            result.andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void operatorMayDoEverything(Endpoint e) throws Exception {
        mvc.perform(e.request().header(HttpHeaders.AUTHORIZATION, "bearer " + ApiTestTokens.OPERATOR))
                .andExpect(status().is(e.operatorStatus()));
    }
}
