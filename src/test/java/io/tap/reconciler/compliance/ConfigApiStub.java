package io.tap.reconciler.compliance;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ComplianceProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * AWS Config as WireMock speaks it: the AWS JSON 1.1 protocol ({@code POST /},
 * {@code Content-Type: application/x-amz-json-1.1}, {@code X-Amz-Target: StarlingDoveService.<Operation>}),
 * one endpoint for every region, told apart by the SigV4 credential scope ({@code …/<region>/config/aws4_request}),
 * so a stub only answers the client that signed for its region.
 */
final class ConfigApiStub {

    static final String JSON_1_1 = "application/x-amz-json-1.1";

    private final WireMockExtension wm;

    ConfigApiStub(WireMockExtension wm) {
        this.wm = wm;
    }

    /** A request to {@code operation} signed for {@code region}. */
    static MappingBuilder call(String region, String operation) {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService." + operation))
                .withHeader("Content-Type", containing(JSON_1_1))
                .withHeader("Authorization", containing("/" + region + "/config/aws4_request"));
    }

    static RequestPatternBuilder requested(String region, String operation) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("StarlingDoveService." + operation))
                .withHeader("Authorization", containing("/" + region + "/config/aws4_request"));
    }

    void ok(MappingBuilder call, String json) {
        wm.stubFor(call.willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_1_1)
                .withHeader("x-amzn-RequestId", "req-ok").withBody(json)));
    }

    /** An AWS JSON error as the service returns it: HTTP status, {@code __type} code and message. */
    void error(MappingBuilder call, int status, String code, String message) {
        wm.stubFor(call.willReturn(errorResponse(status, code, message)));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder errorResponse(int status, String code,
                                                                                         String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_1_1)
                .withHeader("x-amzn-RequestId", "req-" + code)
                .withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    List<LoggedRequest> requests(String region, String operation) {
        return wm.findAll(requested(region, operation));
    }

    /** Properties with fast backoff so retry tests take milliseconds. */
    static ComplianceProperties properties(int maxAttempts, int pageSize, boolean remediation, Set<String> rules) {
        return new ComplianceProperties(true, null, List.of(), pageSize, maxAttempts, Duration.ofMillis(5),
                Duration.ofMillis(10), Duration.ofMillis(50), 3,
                new ComplianceProperties.ConfigRemediation(remediation, rules));
    }

    static ConfigClients clients(WireMockExtension wm, ComplianceProperties properties) {
        return new ConfigClients(new AwsProperties(URI.create(wm.baseUrl()), Duration.ofSeconds(10)), properties,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTAPTEST", "tap-test-secret")));
    }

    /** One {@code EvaluationResult} of {@code GetComplianceDetailsByConfigRule}, shaped as the API reference shows. */
    static String evaluation(String rule, String type, String id, String compliance, String annotation) {
        return """
                {"EvaluationResultIdentifier":{"EvaluationResultQualifier":{"ConfigRuleName":"%s","ResourceType":"%s",\
                "ResourceId":"%s","EvaluationMode":"DETECTIVE"},"OrderingTimestamp":1764720000.0},\
                "ComplianceType":"%s","ResultRecordedTime":1764720123.456,"ConfigRuleInvokedTime":1764720100.0,\
                "Annotation":"%s"}""".formatted(rule, type, id, compliance, annotation);
    }

    /** One {@code ComplianceByConfigRule} of {@code DescribeComplianceByConfigRule}. */
    static String ruleCompliance(String rule, String compliance, int contributors) {
        String count = contributors > 0
                ? ",\"ComplianceContributorCount\":{\"CappedCount\":" + contributors + ",\"CapExceeded\":false}" : "";
        return "{\"ConfigRuleName\":\"" + rule + "\",\"Compliance\":{\"ComplianceType\":\"" + compliance + "\"" + count + "}}";
    }
}
