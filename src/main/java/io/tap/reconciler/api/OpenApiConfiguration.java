package io.tap.reconciler.api;

import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The served OpenAPI document: bearer security, and the error responses every operation can give
 * (400, 401, 403, 500 as problem+json), so that clients and schemathesis know them.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "tap-reconciler", version = "v1",
        description = "Drift, runs and manual reconcile of the TAP stacks. Bearer token: viewer may GET, operator may POST."))
@SecurityScheme(name = OpenApiConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer")
public class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            relativeProblemUris(openApi);
            if (openApi.getPaths() == null) return;
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(op -> {
                op.getResponses().putIfAbsent("400", problem("Bad request: malformed body or invalid parameter"));
                op.getResponses().putIfAbsent("401", problem("Missing or invalid bearer token"));
                op.getResponses().putIfAbsent("403", problem("The token's role does not allow this"));
                op.getResponses().putIfAbsent("500", problem("Internal error"));
            }));
        };
    }

    /** Problem {@code type} and {@code instance} are URI references: we send relative paths, as Spring does. */
    private static void relativeProblemUris(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) return;
        Schema<?> problem = openApi.getComponents().getSchemas().get("ProblemDetail");
        if (problem == null || problem.getProperties() == null) return;
        for (String uri : new String[]{"type", "instance"}) {
            Schema<?> property = problem.getProperties().get(uri);
            if (property != null) property.setFormat("uri-reference");
        }
    }

    private static ApiResponse problem(String description) {
        Schema<?> schema = new Schema<>().$ref("#/components/schemas/ProblemDetail");
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(ApiDocs.PROBLEM, new MediaType().schema(schema)));
    }
}
