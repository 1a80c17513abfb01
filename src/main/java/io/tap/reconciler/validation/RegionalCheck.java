package io.tap.reconciler.validation;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Base of every check: turns whatever goes wrong while evaluating into an ERROR result, so one
 * failing call never stops the other checks.
 */
abstract class RegionalCheck implements ValidationCheck {

    private final String name;
    private final String region;
    private final CheckSeverity severity;

    RegionalCheck(String name, String region, CheckSeverity severity) {
        this.name = name;
        this.region = region;
        this.severity = severity;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String region() {
        return region;
    }

    @Override
    public final CheckSeverity severity() {
        return severity;
    }

    @Override
    public final CheckResult run(StackOutputs outputs, AwsClients aws) {
        Verdict verdict;
        try {
            verdict = evaluate(outputs, aws);
        } catch (AwsServiceException e) {
            verdict = Verdict.error(describe(e));
        } catch (SdkClientException e) {
            // The message can carry endpoint details but never credentials; keep it short.
            verdict = Verdict.error("AWS could not be reached (" + e.getClass().getSimpleName() + ").");
        } catch (StackOutputs.MissingOutputException e) {
            verdict = Verdict.error(e.getMessage());
        } catch (RuntimeException e) {
            verdict = Verdict.error("Check failed unexpectedly (" + e.getClass().getSimpleName() + ").");
        }
        return new CheckResult(name, region, severity, verdict.status(), verdict.evidence());
    }

    /** The check itself; may throw SDK exceptions. */
    abstract Verdict evaluate(StackOutputs outputs, AwsClients aws);

    static String describe(AwsServiceException e) {
        String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                ? e.awsErrorDetails().errorCode() : "HTTP " + e.statusCode();
        String service = e.awsErrorDetails() != null && e.awsErrorDetails().serviceName() != null
                ? e.awsErrorDetails().serviceName() : "AWS";
        return service + " answered " + code + ".";
    }
}
