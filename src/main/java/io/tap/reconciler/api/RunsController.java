package io.tap.reconciler.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tap.reconciler.reconcile.ReconcileOperations;
import io.tap.reconciler.reconcile.ReconcileQueries;
import io.tap.reconciler.reconcile.RunTicket;
import io.tap.reconciler.reconcile.UnknownRunException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.security.Principal;
import java.util.List;

/** Run history and approval of held plans. */
@RestController
@RequestMapping(path = RunsController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "runs")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
class RunsController {

    static final String PATH = "/api/v1/runs";
    static final int MAX_LIMIT = 500;
    private static final Logger log = LoggerFactory.getLogger(RunsController.class);

    private final ReconcileQueries queries;
    private final ReconcileOperations operations;

    RunsController(ReconcileQueries queries, ReconcileOperations operations) {
        this.queries = queries;
        this.operations = operations;
    }

    @GetMapping
    @Operation(summary = "Run history, newest first")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiDocs.NotFound
    List<RunSummaryView> runs(
            @Parameter(description = "only runs of this stack") @RequestParam(required = false) String stack,
            @Parameter(description = "at most this many runs (1.." + MAX_LIMIT + ")")
            @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_LIMIT) int limit) {
        if (stack != null && queries.stack(stack).isEmpty()) throw StacksController.unknownStack(stack);
        return queries.runs(stack, limit).stream().map(RunSummaryView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One run with its drift report")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiDocs.NotFound
    RunView run(@PathVariable String id) {
        return queries.run(id).map(RunView::of).orElseThrow(() -> unknownRun(id));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approves the held plan of a run and starts applying it",
            description = "409 when the run is not awaiting approval or its plan is stale (expired, or the drift changed).")
    @ApiResponse(responseCode = "202", description = "Accepted; the applying run is at Location")
    @ApiDocs.NotFound
    @ApiDocs.Conflict
    ResponseEntity<RunAcceptedView> approve(@PathVariable String id, Principal principal) {
        RunTicket ticket = operations.approve(id, principal.getName());
        log.info("Run {} of stack {} approved by {}: applying in run {}", id, ticket.stack(), principal.getName(),
                ticket.runId());
        RunAcceptedView body = RunAcceptedView.of(ticket);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(body.location())).body(body);
    }

    static String location(String runId) {
        return UriComponentsBuilder.fromPath(PATH).pathSegment(runId).encode().build().toUriString();
    }

    private static UnknownRunException unknownRun(String id) {
        return new UnknownRunException("No run with id '" + id + "'");
    }
}
