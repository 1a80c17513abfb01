package io.tap.reconciler.support.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(MotoExtension.class)
class MotoServerIT {

    private static final String REGION = "us-east-1";

    @Test
    void aPublishedMessageIsReadBackWithSubjectAndAttributesThroughTheSubscribedQueue(MotoServer moto) {
        try (SnsTopicCapture capture = SnsTopicCapture.create(moto, REGION, "moto-support", false);
             SnsClient sns = moto.configure(SnsClient.builder(), REGION).build()) {
            sns.publish(b -> b.topicArn(capture.topicArn()).subject("hello").message("{\"a\":1}")
                    .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("K").build())));

            List<SnsMessage> got = capture.awaitMessages(1, Duration.ofSeconds(20));

            assertThat(got).singleElement().satisfies(m -> {
                assertThat(m.subject()).isEqualTo("hello");
                assertThat(m.message()).isEqualTo("{\"a\":1}");
                assertThat(m.attributes()).containsEntry("kind", "K");
            });
        }
    }

    @Test
    void aPrivateServerCanBeStoppedAndRestartedOnTheSamePortWithEmptyState() {
        try (MotoServer own = MotoServer.startPrivate();
             SnsClient sns = own.configure(SnsClient.builder(), REGION)
                     .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(5))).build()) {
            sns.createTopic(b -> b.name("private-topic"));
            own.stop();
            assertThatThrownBy(sns::listTopics).isInstanceOf(SdkClientException.class);

            own.restart();

            assertThat(sns.listTopics().topics()).isEmpty();
            assertThat(own.owned()).isTrue();
        }
    }

    @Test
    void aServerStartedElsewhereIsNeverResetOrStoppedFromHere(MotoServer moto) {
        MotoServer external = MotoServer.external(moto.endpoint());

        assertThatThrownBy(external::reset).hasMessageContaining("other tests use it");
        assertThatThrownBy(external::stop).hasMessageContaining("other tests use it");
    }

    @Test
    void missingMotoFailsWithTheInstallHint() {
        assertThatThrownBy(() -> MotoServer.startOnFreePort("/nonexistent-dir"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pip install \"moto[server]\"");
    }
}
