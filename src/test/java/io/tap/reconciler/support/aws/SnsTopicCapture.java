package io.tap.reconciler.support.aws;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SNS topic with an SQS queue subscribed to it, on moto: publish to {@link #topicArn()}, then read
 * what subscribers got with {@link #awaitMessages(int, Duration)} or {@link #drain(Duration)}.
 * Names are unique, so it is safe on the shared server.
 */
public final class SnsTopicCapture implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SnsClient sns;
    private final SqsClient sqs;
    private final String topicArn;
    private final String queueUrl;

    private SnsTopicCapture(SnsClient sns, SqsClient sqs, String topicArn, String queueUrl) {
        this.sns = sns;
        this.sqs = sqs;
        this.topicArn = topicArn;
        this.queueUrl = queueUrl;
    }

    /** Creates a standard (or FIFO) topic and a subscribed queue named {@code prefix-<random>}. */
    public static SnsTopicCapture create(MotoServer moto, String region, String prefix, boolean fifo) {
        return createNamed(moto, region, MotoServer.uniqueName(prefix) + (fifo ? ".fifo" : ""));
    }

    /**
     * Creates the topic and queue {@code name} (FIFO when it ends in {@code .fifo}); on a restarted
     * private server this gives the same topic ARN again.
     */
    public static SnsTopicCapture createNamed(MotoServer moto, String region, String name) {
        boolean fifo = name.endsWith(".fifo");
        SnsClient sns = moto.configure(SnsClient.builder(), region).build();
        SqsClient sqs = moto.configure(SqsClient.builder(), region).build();
        String topicArn = sns.createTopic(b -> b.name(name).attributes(fifo
                ? Map.of("FifoTopic", "true", "ContentBasedDeduplication", "false") : Map.of())).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(name).attributes(fifo
                ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return new SnsTopicCapture(sns, sqs, topicArn, queueUrl);
    }

    /** The ARN a topic of this name gets on moto (known before the topic exists). */
    public static String topicArn(String region, String name) {
        return "arn:aws:sns:" + region + ":" + MotoServer.ACCOUNT_ID + ":" + name;
    }

    /** The topic to publish to. */
    public String topicArn() {
        return topicArn;
    }

    /** Receives until at least {@code count} messages arrived or the timeout passed; returns all received. */
    public List<SnsMessage> awaitMessages(int count, Duration timeout) {
        List<SnsMessage> got = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (got.size() < count && Instant.now().isBefore(deadline)) {
            got.addAll(receiveOnce(1));
        }
        return got;
    }

    /** Receives until the queue stays empty for {@code quiet}; returns everything received. */
    public List<SnsMessage> drain(Duration quiet) {
        List<SnsMessage> got = new ArrayList<>();
        Instant quietUntil = Instant.now().plus(quiet);
        while (Instant.now().isBefore(quietUntil)) {
            List<SnsMessage> batch = receiveOnce(1);
            if (!batch.isEmpty()) {
                got.addAll(batch);
                quietUntil = Instant.now().plus(quiet);
            }
        }
        return got;
    }

    private List<SnsMessage> receiveOnce(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).waitTimeSeconds(waitSeconds)).messages();
        List<SnsMessage> parsed = new ArrayList<>();
        for (Message m : messages) {
            Map<String, String> sqsAttributes = new LinkedHashMap<>();
            m.attributes().forEach((k, v) -> sqsAttributes.put(k.toString(), v));
            parsed.add(parse(m.body(), sqsAttributes));
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
        return parsed;
    }

    static SnsMessage parse(String envelope, Map<String, String> sqsAttributes) {
        JsonNode root = JSON.readTree(envelope);
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = root.path("MessageAttributes");
        for (Map.Entry<String, JsonNode> e : attrs.properties()) {
            attributes.put(e.getKey(), e.getValue().path("Value").asString());
        }
        JsonNode subject = root.get("Subject");
        return new SnsMessage(root.path("MessageId").asString(), subject == null || subject.isNull() ? null : subject.asString(),
                root.path("Message").asString(), attributes, envelope, sqsAttributes);
    }

    /** Deletes the topic and the queue (best effort: the server may already be gone). */
    @Override
    public void close() {
        try {
            sns.deleteTopic(b -> b.topicArn(topicArn));
            sqs.deleteQueue(b -> b.queueUrl(queueUrl));
        } catch (RuntimeException ignored) {
            // a stopped private server has nothing left to delete
        } finally {
            sns.close();
            sqs.close();
        }
    }
}
