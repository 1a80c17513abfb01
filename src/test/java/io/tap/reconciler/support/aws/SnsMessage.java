package io.tap.reconciler.support.aws;

import java.util.Map;

/**
 * One SNS notification as an SQS subscriber receives it (the SNS JSON envelope, not raw delivery).
 *
 * @param messageId  SNS message id
 * @param subject    subject, {@code null} when none was set
 * @param message    the published message body
 * @param attributes message attributes, name → string value
 * @param envelope   the whole envelope as received, for scans
 * @param sqs        the SQS system attributes of the delivery ({@code MessageGroupId},
 *                   {@code MessageDeduplicationId} on FIFO queues, {@code SentTimestamp}…)
 */
public record SnsMessage(String messageId, String subject, String message, Map<String, String> attributes,
                         String envelope, Map<String, String> sqs) {
    public SnsMessage {
        attributes = Map.copyOf(attributes);
        sqs = Map.copyOf(sqs);
    }
}
