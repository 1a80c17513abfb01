package io.tap.reconciler.api;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that only a real servlet container produces (MockMvc never sees them): malformed query
 * strings, multipart content types, paths the firewall rejects. Each is a 4xx problem, never a 500.
 * Found by schemathesis; kept here so they stay fixed.
 */
@ApiAppTest
class ApiOverHttpTest {

    @LocalServerPort
    int port;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + ApiTestTokens.OPERATOR).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status);
    }

    @Test
    void aMalformedQueryStringIs400() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/runs?limit=1&stack=&=null"))), 400);
    }

    @Test
    void aMultipartContentTypeWithoutBoundaryIsNotParsed() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/runs")).header("Content-Type", "multipart/form-data"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/stacks/prod/reconcile"))
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("x"))), 415);
    }

    @Test
    void aPathTheFirewallRejectsIs400Problem() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/runs/%F0%AD%85%B5%25%C2%B9"))), 400);
        // An encoded slash never reaches the application: the container answers 400 itself.
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/runs/a%2F..%2Fb"))).statusCode()).isEqualTo(400);
    }

    @Test
    void anExplicitNullModeIs400() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/stacks/prod/reconcile"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":null}"))), 400);
    }
}
