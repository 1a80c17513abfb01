package io.tap.reconciler.alerting;

import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Small builders of drift reports and runs for the alerting tests. */
final class Drifts {

    static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "ap-south-1");
    static final String SG = "urn:pulumi:prod::tap::aws:ec2/securityGroup:SecurityGroup::PROD-sg-web-us-east-1";
    static final String BUCKET = "urn:pulumi:prod::tap::aws:s3/bucketV2:BucketV2::prod-s3-logs-us-east-1";

    private Drifts() {
    }

    static ResourceDrift cloud(String urn, String path, String oldValue, String newValue) {
        return ResourceDrift.of(urn, "aws:ec2/securityGroup:SecurityGroup", Operation.UPDATE, DriftSource.CLOUD,
                List.of(new PropertyChange(path, ChangeKind.UPDATE, true, oldValue, newValue)));
    }

    static ResourceDrift managedNonCompliant(String urn, String rule) {
        return new ResourceDrift(urn, "aws:s3/bucketV2:BucketV2", Operation.UPDATE, Set.of(DriftSource.COMPLIANCE),
                List.of(), List.of(rule + ": bucket is not encrypted"));
    }

    static ResourceDrift unmanaged(String arn, String rule) {
        return new ResourceDrift(arn, "AWS::S3::Bucket", Operation.NONE, Set.of(DriftSource.UNMANAGED),
                List.of(), List.of(rule + ": public read"));
    }

    static DriftReport report(String stack, ResourceDrift... resources) {
        return DriftReport.merge(stack, Instant.parse("2026-12-03T12:00:00Z"), List.of(resources));
    }

    static RunEvent run(String stack, String runId, DriftReport report, RunEvent.Event... events) {
        return new RunEvent(stack, runId, REGIONS, report, List.of(events));
    }

    static RunEvent.Event event(AlertKind kind, String dedupKey) {
        return new RunEvent.Event(kind, Severity.CRITICAL, kind + " happened", dedupKey, List.of(SG));
    }
}
