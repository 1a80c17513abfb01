package io.tap.reconciler.api;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document: public, complete, and honest about auth and error responses. */
@ApiAppTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Test
    void theDocumentIsServedWithoutATokenAndDescribesEveryEndpoint() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JsonMapper.shared().readTree(response.body());

        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        JsonNode paths = doc.get("paths");
        assertThat(paths.propertyNames()).containsExactlyInAnyOrder("/api/v1/stacks", "/api/v1/stacks/{stack}/drift",
                "/api/v1/stacks/{stack}/reconcile", "/api/v1/runs", "/api/v1/runs/{id}", "/api/v1/runs/{id}/approve");
        JsonNode reconcile = paths.at("/~1api~1v1~1stacks~1{stack}~1reconcile/post");
        assertThat(reconcile.at("/security/0").has("bearer")).isTrue();
        assertThat(reconcile.get("responses").propertyNames()).contains("202", "400", "401", "403", "404", "409");
        assertThat(reconcile.at("/responses/409/content").has("application/problem+json")).isTrue();
        assertThat(reconcile.at("/requestBody/required").asBoolean()).isFalse();
        assertThat(doc.at("/components/schemas/ReconcileRequest/properties/mode/enum").toString())
                .isEqualTo("[\"DETECT_ONLY\",\"APPROVAL\",\"AUTO\"]");
        JsonNode limit = paths.at("/~1api~1v1~1runs/get/parameters/1/schema");
        assertThat(limit.at("/minimum").asInt()).isEqualTo(1);
        assertThat(limit.at("/maximum").asInt()).isEqualTo(RunsController.MAX_LIMIT);
        assertThat(doc.at("/components/schemas/ProblemDetail/properties/instance/format").asString())
                .as("we send relative instance paths").isEqualTo("uri-reference");
        for (String get : new String[]{"/~1api~1v1~1stacks/get", "/~1api~1v1~1stacks~1{stack}~1drift/get",
                "/~1api~1v1~1runs/get", "/~1api~1v1~1runs~1{id}/get"}) {
            assertThat(paths.at(get + "/responses/200/content/application~1json/schema").isMissingNode())
                    .as("200 documented with its schema for %s", get).isFalse();
        }
        assertThat(response.body()).doesNotContain("backendUrl").doesNotContain("passphrase");
    }
}
