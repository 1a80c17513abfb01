package io.tap.reconciler.alerting;

import io.tap.reconciler.config.AlertProperties;
import io.tap.reconciler.config.TapProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPropertiesTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:PROD-sns-alerts-us-east-1";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({AlertProperties.class, TapProperties.class})
    static class Props {
        @Bean
        TopicResolver topicResolver(TapProperties tap, AlertProperties alerts) {
            return new TopicResolver(tap, alerts);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Props.class)
            .withPropertyValues("tap.stacks[0].name=prod", "tap.stacks[1].name=staging");

    @Test
    void defaultsAreSensibleAndAStackTopicOverridesTheDefault() {
        runner.withPropertyValues("tap.alerts.topic-arn=" + TOPIC,
                        "tap.stacks[1].topic-arn=arn:aws:sns:eu-west-1:123456789012:staging-alerts.fifo")
                .run(ctx -> {
                    AlertProperties p = ctx.getBean(AlertProperties.class);
                    assertThat(p.renotifyInterval()).isEqualTo(Duration.ofHours(4));
                    assertThat(p.maxBodySize().toKilobytes()).isEqualTo(64);
                    assertThat(p.dispatch().enabled()).isTrue();
                    TopicResolver topics = ctx.getBean(TopicResolver.class);
                    assertThat(topics.topicFor("prod")).isEqualTo(TOPIC);
                    assertThat(topics.topicFor("staging")).endsWith("staging-alerts.fifo");
                    assertThat(topics.topicFor("removed-stack")).isEqualTo(TOPIC);
                });
    }

    @Test
    void aTopicThatIsNotAnSnsArnStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("tap.alerts.topic-arn=arn:aws:sqs:us-east-1:123456789012:q")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("tap.alerts.topic-arn"));
        runner.withPropertyValues("tap.alerts.topic-arn=" + TOPIC, "tap.stacks[1].topic-arn=PROD-alerts")
                .run(ctx -> assertThat(ctx).getFailure().rootCause()
                        .hasMessageContaining("tap.stacks[1].topic-arn: must be an SNS topic ARN"));
    }

    @Test
    void aMissingTopicAnUnknownKeyOrAnOversizedBodyStopStartUp() {
        runner.run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("topicArn"));
        runner.withPropertyValues("tap.alerts.topic-arn=" + TOPIC, "tap.alerts.renotify=1h")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("tap.alerts.renotify"));
        runner.withPropertyValues("tap.alerts.topic-arn=" + TOPIC, "tap.alerts.max-body-size=1MB")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("tap.alerts.max-body-size must be between"));
    }

    @Test
    void retryBackoffDoublesUpToTheMaximum() {
        AlertProperties.Dispatch d = new AlertProperties.Dispatch(true, Duration.ofSeconds(5), 50, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofMinutes(2));

        assertThat(d.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.backoffAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(d.backoffAfter(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(d.backoffAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.backoffAfter(10_000)).isEqualTo(Duration.ofMinutes(5));
    }
}
