package io.tap.reconciler.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** 401 and 403 as {@code application/problem+json}, like every other API error. */
final class SecurityProblems {

    private static final JsonMapper JSON = JsonMapper.shared();

    private SecurityProblems() {
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, ex) -> {
            boolean invalid = request.getAttribute(BearerTokenFilter.INVALID_TOKEN) != null;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
            write(request, response, HttpStatus.UNAUTHORIZED, invalid
                    ? "The bearer token is not valid."
                    : "This endpoint requires a bearer token (Authorization: Bearer <token>).");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, ex) -> write(request, response, HttpStatus.FORBIDDEN,
                "The token's role does not allow " + request.getMethod() + " here; operator is required to change state.");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                              String detail) throws IOException {
        // The same members Spring MVC writes for a ProblemDetail.
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
