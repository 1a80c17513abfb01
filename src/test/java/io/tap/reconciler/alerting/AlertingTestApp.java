package io.tap.reconciler.alerting;

import io.tap.reconciler.config.AlertProperties;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.TapProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alerting as the service runs it (auto-configured DataSource, Flyway, transactions, metrics), without
 * the other features, so an alerting test can start, stop and start it again over the same database.
 * A {@code @TestConfiguration}, so the application's component scan in other tests' contexts skips it.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(AlertingConfiguration.class)
@EnableConfigurationProperties({AlertProperties.class, TapProperties.class, AwsProperties.class})
class AlertingTestApp {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    /**
     * Starts it over the H2 file database in {@code dataDir}, with only the given settings: the
     * repository's {@code application.yml} configures features this context does not have.
     */
    static ConfigurableApplicationContext start(Path dataDir, Map<String, String> settings) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("spring.config.name", "alerting-it-no-such-file");
        all.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("tap").toAbsolutePath());
        all.put("tap.data-dir", dataDir.toAbsolutePath().toString());
        all.put("tap.alerts.dispatch.interval", "200ms");
        all.put("tap.alerts.dispatch.initial-backoff", "200ms");
        all.put("tap.alerts.dispatch.max-backoff", "1s");
        all.put("tap.alerts.dispatch.claim-timeout", "30s");
        all.put("tap.aws.api-call-timeout", "10s");
        all.putAll(settings); // a repeated argument would bind as a list, so settings replace defaults here
        List<String> args = new ArrayList<>();
        all.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(AlertingTestApp.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }
}
