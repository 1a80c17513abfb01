package io.tap.reconciler.alerting;

import io.tap.reconciler.config.AwsProperties;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes alerts to SNS, one client per topic region (taken from the topic ARN), built through
 * {@link AwsProperties#configure}. Message attributes {@code severity}, {@code stack} and {@code kind}
 * serve subscription filter policies. On a FIFO topic the alert id is the deduplication id and the
 * stack the message group, so SNS drops a resend within its 5-minute window and keeps a stack's alerts
 * in order.
 */
final class SnsAlertPublisher implements AlertPublisher, AutoCloseable {

    private final AwsProperties aws;
    private final SecretScrubber scrubber;
    private final Map<String, SnsClient> clients = new ConcurrentHashMap<>();

    SnsAlertPublisher(AwsProperties aws, SecretScrubber scrubber) {
        this.aws = aws;
        this.scrubber = scrubber;
    }

    @Override
    public String publish(Alert alert, String topicArn) {
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(AlertMessageWriter.fitSubject(scrubber.scrub(alert.subject())))
                .message(scrubber.scrub(alert.body()))
                .messageAttributes(Map.of(
                        "severity", attribute(alert.severity().name()),
                        "stack", attribute(alert.stack()),
                        "kind", attribute(alert.kind().name())));
        if (isFifo(topicArn)) {
            request.messageGroupId(alert.stack()).messageDeduplicationId(alert.id());
        }
        return client(topicArn).publish(request.build()).messageId();
    }

    static boolean isFifo(String topicArn) {
        return topicArn.endsWith(".fifo");
    }

    /** {@code arn:aws:sns:<region>:<account>:<name>} → region. */
    static String region(String topicArn) {
        String[] parts = topicArn.split(":", 6);
        if (parts.length < 6 || !"sns".equals(parts[2]) || parts[3].isEmpty()) {
            throw new IllegalArgumentException("not an SNS topic ARN: " + topicArn);
        }
        return parts[3];
    }

    private SnsClient client(String topicArn) {
        return clients.computeIfAbsent(region(topicArn), r -> aws.configure(SnsClient.builder(), r).build());
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Override
    public void close() {
        clients.values().forEach(SnsClient::close);
        clients.clear();
    }
}
