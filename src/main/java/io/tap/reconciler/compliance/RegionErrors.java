package io.tap.reconciler.compliance;

import io.tap.reconciler.compliance.ComplianceReport.RegionError;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Set;

/** Turns what an AWS Config call threw (after the SDK's retries) into a clear {@link RegionError}. */
final class RegionErrors {

    /** Codes that mean the caller is not allowed; a later run cannot succeed without a change. */
    private static final Set<String> PERMISSION_CODES = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredTokenException",
            "InvalidSignatureException", "MissingAuthenticationTokenException", "SignatureDoesNotMatch");

    private RegionErrors() {
    }

    static RegionError unknownRegion(String region) {
        return new RegionError(region, "UnknownRegion", "'" + region + "' is not an AWS region this service knows;"
                + " fix the region list (tap.topology.regions or tap.compliance.regions)", false);
    }

    static RegionError of(String region, String operation, Throwable failure) {
        if (failure instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : "HTTP" + e.statusCode();
            String awsMessage = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : "no message";
            String where = "AWS Config " + operation + " in " + region + " failed: " + code
                    + " (HTTP " + e.statusCode() + ", request " + e.requestId() + "): " + awsMessage;
            if (PERMISSION_CODES.contains(code)) {
                return new RegionError(region, code, where + ". The service's role needs config:Describe*"
                        + " and config:GetComplianceDetailsByConfigRule in this region; not retried.", false);
            }
            if (e.isThrottlingException()) {
                return new RegionError(region, code, where + "; still throttled after the SDK's retries.", true);
            }
            return new RegionError(region, code, where, e.statusCode() >= 500);
        }
        if (failure instanceof ApiCallTimeoutException) {
            return new RegionError(region, "Timeout", "AWS Config " + operation + " in " + region
                    + " timed out (tap.aws.api-call-timeout, retries included)", true);
        }
        if (failure instanceof SdkClientException) {
            return new RegionError(region, "ClientError", "AWS Config " + operation + " in " + region
                    + " could not be reached: " + failure.getMessage(), true);
        }
        return new RegionError(region, failure.getClass().getSimpleName(), "AWS Config " + operation + " in "
                + region + " failed unexpectedly: " + failure.getMessage(), false);
    }
}
