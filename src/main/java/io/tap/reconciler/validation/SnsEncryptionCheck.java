package io.tap.reconciler.validation;

import java.util.Map;

/** The alert topic is encrypted with KMS. */
final class SnsEncryptionCheck extends RegionalCheck {

    SnsEncryptionCheck(String region) {
        super("monitoring.sns-encryption", region, CheckSeverity.WARNING);
    }

    @Override
    Verdict evaluate(StackOutputs outputs, AwsClients aws) {
        String arn = outputs.get(region(), OutputKeys.ALERTS_TOPIC_ARN);
        Map<String, String> attributes = aws.sns(region()).getTopicAttributes(r -> r.topicArn(arn)).attributes();
        String key = attributes.get("KmsMasterKeyId");
        return key == null || key.isBlank()
                ? Verdict.fail("Topic " + arn + " is not encrypted.")
                : Verdict.pass("Topic " + arn + " is encrypted with " + key + ".");
    }
}
