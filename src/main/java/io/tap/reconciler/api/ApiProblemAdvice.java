package io.tap.reconciler.api;

import io.tap.reconciler.reconcile.ReconcileConflictException;
import io.tap.reconciler.reconcile.UnknownRunException;
import io.tap.reconciler.reconcile.UnknownStackException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.stream.Collectors;

/**
 * Every API error as {@code application/problem+json}: Spring MVC's own errors (bad JSON, unknown
 * enum, bad parameter, wrong media type) through the base class, ours mapped to 404 and 409, and
 * anything unexpected to a 500 that says nothing about internals.
 */
@RestControllerAdvice
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    @ExceptionHandler({UnknownStackException.class, UnknownRunException.class, NoReportYetException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ReconcileConflictException.class)
    ProblemDetail conflict(ReconcileConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    /** A malformed query string or multipart body is the client's error, not ours. */
    @ExceptionHandler({InvalidParameterException.class, MultipartException.class})
    ProblemDetail malformedRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, "The request is malformed (query string or body encoding)");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error in the REST API", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; see the service log.");
    }

    /** Malformed JSON or a body of the wrong shape: say what was wrong without echoing parser internals. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = "The request body is not valid JSON of the expected shape";
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InvalidRequestBodyException invalid) {
                detail = "Invalid request body: " + invalid.getMessage();
                break;
            }
        }
        return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, detail), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        String detail = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> r.getMethodParameter().getParameterName() + " " + err.getDefaultMessage()))
                .collect(Collectors.joining("; "));
        return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, detail), headers, status, request);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
