package io.tap.reconciler.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tap.reconciler.reconcile.ReconcileOperations;
import io.tap.reconciler.reconcile.ReconcileQueries;
import io.tap.reconciler.reconcile.RunTicket;
import io.tap.reconciler.reconcile.StackStatus;
import io.tap.reconciler.reconcile.Trigger;
import io.tap.reconciler.reconcile.UnknownStackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.util.List;

/** Stacks: their state, their latest drift, and a manual reconcile trigger. */
@RestController
@RequestMapping(path = StacksController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "stacks")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
class StacksController {

    static final String PATH = "/api/v1/stacks";
    private static final Logger log = LoggerFactory.getLogger(StacksController.class);

    private final ReconcileQueries queries;
    private final ReconcileOperations operations;

    StacksController(ReconcileQueries queries, ReconcileOperations operations) {
        this.queries = queries;
        this.operations = operations;
    }

    @GetMapping
    @Operation(summary = "Every configured stack with its mode, last run, drift counts and next run time")
    List<StackView> stacks() {
        return queries.stacks().stream().map(StackView::of).toList();
    }

    @GetMapping("/{stack}/drift")
    @Operation(summary = "The latest drift report with attribute-level diffs and AWS Config findings",
            description = "404 when the stack is unknown or has no completed detection yet.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiDocs.NotFound
    DriftReportView drift(@PathVariable String stack) {
        StackStatus status = queries.stack(stack).orElseThrow(() -> unknownStack(stack));
        return queries.latestDrift(stack)
                .map(r -> DriftReportView.of(r, status.complianceErrors()))
                .orElseThrow(() -> new NoReportYetException(stack));
    }

    @PostMapping(path = "/{stack}/reconcile", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Starts a run now, or joins the one in flight",
            description = "The optional mode may downgrade the stack's mode for this run, never upgrade it (409).")
    @ApiResponse(responseCode = "202", description = "Accepted; the run is at Location")
    @ApiDocs.NotFound
    @ApiDocs.Conflict
    ResponseEntity<RunAcceptedView> reconcile(@PathVariable String stack,
                                              @RequestBody(required = false) ReconcileRequest request,
                                              Principal principal) {
        RunTicket ticket = operations.trigger(stack, Trigger.REST, request == null ? null : request.mode());
        log.info("Reconcile of stack {} requested by {}: run {}{}", ticket.stack(), principal.getName(),
                ticket.runId(), ticket.joined() ? " (joined the run in flight)" : "");
        RunAcceptedView body = RunAcceptedView.of(ticket);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(body.location())).body(body);
    }

    static UnknownStackException unknownStack(String stack) {
        return new UnknownStackException("No stack named '" + stack + "' is configured");
    }
}
