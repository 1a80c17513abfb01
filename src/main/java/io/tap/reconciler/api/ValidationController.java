package io.tap.reconciler.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tap.reconciler.reconcile.ReconcileQueries;
import io.tap.reconciler.validation.ValidationReport;
import io.tap.reconciler.validation.ValidationService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The newest continuous-validation report of a stack. */
@RestController
@RequestMapping(path = StacksController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "stacks")
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
class ValidationController {

    private final ReconcileQueries queries;
    private final ValidationService validation;

    ValidationController(ReconcileQueries queries, ValidationService validation) {
        this.queries = queries;
        this.validation = validation;
    }

    @GetMapping("/{stack}/validation")
    @Operation(summary = "The newest validation report: one PASS/FAIL/ERROR result with evidence per check and region",
            description = "404 when the stack is unknown or has not been validated yet.")
    @ApiDocs.NotFound
    ValidationReport validation(@PathVariable String stack) {
        queries.stack(stack).orElseThrow(() -> StacksController.unknownStack(stack));
        return validation.latest(stack).orElseThrow(() -> new NoReportYetException(stack));
    }
}
