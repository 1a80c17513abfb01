package io.tap.reconciler.compliance;

import io.tap.reconciler.compliance.ComplianceReport.RegionError;
import io.tap.reconciler.drift.ManagedResource;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceByConfigRule;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.DescribeComplianceByConfigRuleResponse;
import software.amazon.awssdk.services.config.model.EvaluationResult;
import software.amazon.awssdk.services.config.model.EvaluationResultQualifier;
import software.amazon.awssdk.services.config.model.GetComplianceDetailsByConfigRuleResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Reads the NON_COMPLIANT rules and resources of one region. */
final class RegionReader {

    /**
     * The compliance of one region: either read in full, or an error and nothing else (partial results
     * would make still-open findings look resolved).
     */
    record Result(String region, int nonCompliantRules, List<ComplianceFinding> findings, RegionError error) {
        static Result failed(RegionError error) {
            return new Result(error.region(), 0, List.of(), error);
        }
    }

    private final int pageSize;

    RegionReader(int pageSize) {
        this.pageSize = pageSize;
    }

    Result read(ConfigClient client, String region, ResourceMapper mapper) {
        String operation = "DescribeComplianceByConfigRule";
        try {
            TreeSet<String> nonCompliant = new TreeSet<>();
            for (DescribeComplianceByConfigRuleResponse page : client.describeComplianceByConfigRulePaginator(r -> { })) {
                for (ComplianceByConfigRule rule : page.complianceByConfigRules()) {
                    if (rule.compliance() != null && rule.compliance().complianceType() == ComplianceType.NON_COMPLIANT) {
                        nonCompliant.add(rule.configRuleName());
                    }
                }
            }
            operation = "GetComplianceDetailsByConfigRule";
            List<ComplianceFinding> findings = new ArrayList<>();
            for (String rule : nonCompliant) {
                for (GetComplianceDetailsByConfigRuleResponse page : client.getComplianceDetailsByConfigRulePaginator(r -> r
                        .configRuleName(rule).complianceTypes(ComplianceType.NON_COMPLIANT).limit(pageSize))) {
                    for (EvaluationResult result : page.evaluationResults()) {
                        finding(region, rule, result, mapper).ifPresent(findings::add);
                    }
                }
            }
            return new Result(region, nonCompliant.size(), findings, null);
        } catch (RuntimeException e) {
            return Result.failed(RegionErrors.of(region, operation, e));
        }
    }

    private static Optional<ComplianceFinding> finding(String region, String rule, EvaluationResult result,
                                                       ResourceMapper mapper) {
        // The request filters on NON_COMPLIANT; a result of another type is ignored rather than trusted.
        if (result.complianceType() != ComplianceType.NON_COMPLIANT || result.evaluationResultIdentifier() == null) {
            return Optional.empty();
        }
        EvaluationResultQualifier q = result.evaluationResultIdentifier().evaluationResultQualifier();
        if (q == null || q.resourceId() == null) return Optional.empty();
        Optional<ManagedResource> managed = mapper.find(region, q.resourceType(), q.resourceId());
        return Optional.of(new ComplianceFinding(region, rule, q.resourceType(), q.resourceId(), result.annotation(),
                result.resultRecordedTime(), managed.map(ManagedResource::urn).orElse(null),
                managed.map(ManagedResource::type).orElse(null)));
    }
}
