package io.tap.reconciler.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.tap.reconciler.config.AlertProperties;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.TapProperties;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** Wires the alerting: planner, outbox, SNS publisher and the dispatcher. */
@Configuration(proxyBeanMethods = false)
public class AlertingConfiguration {

    @Bean
    SecretScrubber alertSecretScrubber(ConfigurableEnvironment environment) {
        SecretScrubber scrubber = SecretScrubber.fromEnvironment(environment);
        LoggerFactory.getLogger(AlertingConfiguration.class)
                .info("alerts mask {} secret values from the environment", scrubber.size());
        return scrubber;
    }

    @Bean
    AlertOutbox alertOutbox(JdbcTemplate jdbc) {
        return new AlertOutbox(JdbcClient.create(jdbc));
    }

    @Bean
    AlertMetrics alertMetrics(MeterRegistry registry) {
        return new AlertMetrics(registry);
    }

    @Bean
    TopicResolver alertTopicResolver(TapProperties tap, AlertProperties alerts) {
        return new TopicResolver(tap, alerts);
    }

    @Bean
    SnsAlertPublisher snsAlertPublisher(AwsProperties aws, SecretScrubber alertSecretScrubber) {
        return new SnsAlertPublisher(aws, alertSecretScrubber);
    }

    @Bean
    OutboxDispatcher alertOutboxDispatcher(AlertOutbox outbox, SnsAlertPublisher publisher, TopicResolver topics,
                                           AlertProperties alerts, AwsProperties aws, SecretScrubber alertSecretScrubber,
                                           AlertMetrics metrics, ObjectProvider<Clock> clock) {
        if (alerts.dispatch().claimTimeout().compareTo(aws.apiCallTimeout()) <= 0) {
            // a send still running when its claim ends could be sent a second time by the next pass
            throw new IllegalStateException("tap.alerts.dispatch.claim-timeout (" + alerts.dispatch().claimTimeout()
                    + ") must be longer than tap.aws.api-call-timeout (" + aws.apiCallTimeout() + ")");
        }
        return new OutboxDispatcher(outbox, publisher, topics, alerts.dispatch(), alertSecretScrubber, metrics,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    AlertService alertService(AlertProperties alerts, SecretScrubber alertSecretScrubber, JdbcTemplate jdbc,
                              AlertOutbox outbox, PlatformTransactionManager transactionManager,
                              OutboxDispatcher dispatcher, AlertMetrics metrics, ObjectProvider<Clock> clock) {
        return new OutboxAlertService(new AlertPlanner(alerts.renotifyInterval()),
                new AlertMessageWriter(alertSecretScrubber, (int) alerts.maxBodySize().toBytes(), alerts.maxValueLength()),
                new AlertStateStore(JdbcClient.create(jdbc)), outbox, new TransactionTemplate(transactionManager),
                dispatcher, metrics, clock.getIfAvailable(Clock::systemUTC));
    }
}
