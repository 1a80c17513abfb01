package io.tap.reconciler.validation;

import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

import java.util.ArrayList;
import java.util.List;

/** The stack's trail is logging, multi-region, with log-file validation. */
final class CloudTrailCheck extends RegionalCheck {

    CloudTrailCheck(String region) {
        super("monitoring.cloudtrail", region, CheckSeverity.CRITICAL);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String name = outputs.get(region(), OutputKeys.CLOUDTRAIL_NAME);
        CloudTrailClient trails = aws.cloudTrail(region());
        Trail trail = trails.getTrail(r -> r.name(name)).trail();
        boolean logging = Boolean.TRUE.equals(trails.getTrailStatus(r -> r.name(name)).isLogging());
        List<String> problems = new ArrayList<>();
        if (!logging) {
            problems.add("is not logging");
        }
        if (!Boolean.TRUE.equals(trail.logFileValidationEnabled())) {
            problems.add("has log-file validation off");
        }
        if (!Boolean.TRUE.equals(trail.isMultiRegionTrail())) {
            problems.add("is not multi-region");
        }
        return problems.isEmpty() ? Verdict.pass("Trail " + name + " is logging, multi-region, with log-file validation.")
                : Verdict.fail("Trail " + name + " " + String.join(", ", problems) + ".");
    }
}
