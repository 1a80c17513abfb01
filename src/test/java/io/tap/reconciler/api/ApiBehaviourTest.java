package io.tap.reconciler.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What the endpoints answer, and that every bad request is a problem+json 4xx. */
@ApiSliceTest
class ApiBehaviourTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    FakeReconciler fake;

    @BeforeEach
    void resetState() {
        fake.reset();
    }

    private ResultActions as(String token, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    private ResultActions operator(MockHttpServletRequestBuilder request) throws Exception {
        return as(ApiTestTokens.OPERATOR, request);
    }

    private static void problem(ResultActions r, int status) throws Exception {
        r.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").isString());
    }

    @Test
    void stacksListEveryStackWithModeLastRunCountsAndNextRun() throws Exception {
        as(ApiTestTokens.VIEWER, get("/api/v1/stacks"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].name").value("prod"))
                .andExpect(jsonPath("$[0].mode").value("APPROVAL"))
                .andExpect(jsonPath("$[0].interval").value("PT5M"))
                .andExpect(jsonPath("$[0].lastRun.id").value(FakeReconciler.AWAITING_RUN))
                .andExpect(jsonPath("$[0].lastRun.report").doesNotExist())
                .andExpect(jsonPath("$[0].nextRunAt").value("2026-12-03T10:05:30Z"))
                .andExpect(jsonPath("$[0].driftCounts.UPDATE").value(1))
                .andExpect(jsonPath("$[0].pendingApprovalRunId").value(FakeReconciler.AWAITING_RUN))
                .andExpect(jsonPath("$[0].flappingResources[0]").value(FakeReconciler.UPDATE_URN))
                .andExpect(jsonPath("$[0].complianceErrors[0]").value("ap-south-1"))
                .andExpect(jsonPath("$[0].backendUrl").doesNotExist())
                .andExpect(jsonPath("$[1].name").value("staging"))
                .andExpect(jsonPath("$[1].lastRun").doesNotExist());
    }

    @Test
    void driftShowsAttributeDiffsAndComplianceFindingsSeparately() throws Exception {
        as(ApiTestTokens.VIEWER, get("/api/v1/stacks/prod/drift"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stack").value("prod"))
                .andExpect(jsonPath("$.clean").value(false))
                .andExpect(jsonPath("$.fingerprint").value(fake.latestDrift("prod").orElseThrow().fingerprint()))
                .andExpect(jsonPath("$.bySource.UNMANAGED").value(1))
                .andExpect(jsonPath("$.resources", hasSize(3)))
                .andExpect(jsonPath("$.resources[?(@.urn == '%s')].changes[*].path", FakeReconciler.UPDATE_URN)
                        .value(contains("ingress[0].cidrBlocks[0]", "tags.Owner")))
                .andExpect(jsonPath("$.resources[?(@.urn == '%s')].changes[0].newValue", FakeReconciler.UPDATE_URN)
                        .value(contains("0.0.0.0/0")))
                .andExpect(jsonPath("$.compliance.readErrors", contains("ap-south-1")))
                .andExpect(jsonPath("$.compliance.findings[*].urn",
                        contains(FakeReconciler.UNMANAGED_ARN, FakeReconciler.COMPLIANCE_URN)))
                .andExpect(jsonPath("$.compliance.findings[0].sources", contains("UNMANAGED")))
                .andExpect(jsonPath("$.compliance.findings[0].operation").value("NONE"))
                .andExpect(jsonPath("$.compliance.findings[1].sources", contains("CODE", "COMPLIANCE")))
                .andExpect(jsonPath("$.compliance.findings[1].notes[0]",
                        containsString("s3-bucket-server-side-encryption-enabled")));
    }

    @Test
    void driftOfAStackNeverCheckedOrUnknownIs404() throws Exception {
        problem(as(ApiTestTokens.VIEWER, get("/api/v1/stacks/staging/drift")), 404);
        problem(as(ApiTestTokens.VIEWER, get("/api/v1/stacks/nope/drift")), 404);
    }

    @Test
    void reconcileIsAcceptedWithLocationAndASecondTriggerJoinsTheRunInFlight() throws Exception {
        operator(post("/api/v1/stacks/prod/reconcile"))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/runs/run-1"))
                .andExpect(jsonPath("$.runId").value("run-1"))
                .andExpect(jsonPath("$.joined").value(false))
                .andExpect(jsonPath("$.location").value("/api/v1/runs/run-1"));
        operator(post("/api/v1/stacks/prod/reconcile").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/runs/run-1"))
                .andExpect(jsonPath("$.joined").value(true));
        as(ApiTestTokens.VIEWER, get("/api/v1/runs/run-1")).andExpect(jsonPath("$.run.status").value("RUNNING"));
        assertThat(fake.triggers()).containsExactly("prod REST null", "prod REST null");
    }

    @Test
    void reconcileMayDowngradeTheModeButNeverUpgradeIt() throws Exception {
        operator(post("/api/v1/stacks/prod/reconcile").contentType(MediaType.APPLICATION_JSON)
                .content("{\"mode\":\"DETECT_ONLY\"}")).andExpect(status().isAccepted());
        assertThat(fake.triggers()).containsExactly("prod REST DETECT_ONLY");
        problem(operator(post("/api/v1/stacks/prod/reconcile").contentType(MediaType.APPLICATION_JSON)
                .content("{\"mode\":\"AUTO\"}")), 409);
        problem(operator(post("/api/v1/stacks/staging/reconcile").contentType(MediaType.APPLICATION_JSON)
                .content("{\"mode\":\"APPROVAL\"}")), 409);
    }

    @Test
    void reconcileOfAnUnknownStackIs404() throws Exception {
        problem(operator(post("/api/v1/stacks/nope/reconcile")), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"mode\":null}", "{\"mode\":\"YOLO\"}", "{\"mode\":", "[1,2]", "{\"mode\":42}", "{\"mode\":0}", "{\"mode\":2}", "not json", "null", "\"AUTO\""})
    void aBadBodyIs400ProblemAndTriggersNothing(String body) throws Exception {
        problem(operator(post("/api/v1/stacks/prod/reconcile").contentType(MediaType.APPLICATION_JSON).content(body)), 400);
        assertThat(fake.triggers()).isEmpty();
    }

    @Test
    void anUnknownModeNamesTheAcceptedValues() throws Exception {
        operator(post("/api/v1/stacks/prod/reconcile").contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"YOLO\"}"))
                .andExpect(jsonPath("$.detail").value(containsString("mode must be one of [DETECT_ONLY, APPROVAL, AUTO]")));
    }

    @Test
    void aBodyThatIsNotJsonIs415Problem() throws Exception {
        problem(operator(post("/api/v1/stacks/prod/reconcile").contentType(MediaType.TEXT_PLAIN).content("AUTO")), 415);
    }

    @Test
    void runsAreNewestFirstFilteredAndLimited() throws Exception {
        as(ApiTestTokens.VIEWER, get("/api/v1/runs?stack=prod&limit=2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", contains(FakeReconciler.AWAITING_RUN, FakeReconciler.STALE_RUN)))
                .andExpect(jsonPath("$[0].report").doesNotExist());
        as(ApiTestTokens.VIEWER, get("/api/v1/runs")).andExpect(jsonPath("$", hasSize(3)));
        as(ApiTestTokens.VIEWER, get("/api/v1/runs?stack=staging")).andExpect(jsonPath("$", hasSize(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "501", "abc", "1e3"})
    void anInvalidLimitIs400Problem(String limit) throws Exception {
        problem(as(ApiTestTokens.VIEWER, get("/api/v1/runs").queryParam("limit", limit)), 400);
    }

    @Test
    void runsOfAnUnknownStackIs404() throws Exception {
        problem(as(ApiTestTokens.VIEWER, get("/api/v1/runs?stack=nope")), 404);
    }

    @Test
    void oneRunHasItsReport() throws Exception {
        as(ApiTestTokens.VIEWER, get("/api/v1/runs/" + FakeReconciler.DRIFTED_RUN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.run.id").value(FakeReconciler.DRIFTED_RUN))
                .andExpect(jsonPath("$.run.status").value("DRIFTED"))
                .andExpect(jsonPath("$.run.startedAt").value("2026-12-03T09:50:00Z"))
                .andExpect(jsonPath("$.report.resources", hasSize(3)))
                .andExpect(jsonPath("$.report.compliance.findings", hasSize(2)))
                .andExpect(jsonPath("$.report.compliance.readErrors").doesNotExist());
        problem(as(ApiTestTokens.VIEWER, get("/api/v1/runs/nope")), 404);
    }

    @Test
    void approvingAnAwaitingRunRecordsTheApproverByTokenName() throws Exception {
        operator(post("/api/v1/runs/" + FakeReconciler.AWAITING_RUN + "/approve"))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/runs/run-1"))
                .andExpect(jsonPath("$.stack").value("prod"));
        assertThat(fake.approvals()).containsExactly(FakeReconciler.AWAITING_RUN + " by alice");
    }

    @Test
    void approvingAStaleOrNotAwaitingRunIs409AndUnknownIs404() throws Exception {
        problem(operator(post("/api/v1/runs/" + FakeReconciler.STALE_RUN + "/approve")), 409);
        problem(operator(post("/api/v1/runs/" + FakeReconciler.DRIFTED_RUN + "/approve")), 409);
        problem(operator(post("/api/v1/runs/nope/approve")), 404);
        assertThat(fake.approvals()).isEmpty();
    }

    @Test
    void anUnknownPathIs404Problem() throws Exception {
        problem(as(ApiTestTokens.VIEWER, get("/api/v1/nothing-here")), 404);
    }
}
