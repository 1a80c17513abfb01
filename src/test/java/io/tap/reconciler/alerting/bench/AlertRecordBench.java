package io.tap.reconciler.alerting.bench;

import io.tap.reconciler.alerting.AlertService;
import io.tap.reconciler.alerting.AlertingConfiguration;
import io.tap.reconciler.alerting.RunEvent;
import io.tap.reconciler.config.AlertProperties;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.drift.ChangeKind;
import io.tap.reconciler.drift.DriftReport;
import io.tap.reconciler.drift.DriftSource;
import io.tap.reconciler.drift.Operation;
import io.tap.reconciler.drift.PropertyChange;
import io.tap.reconciler.drift.ResourceDrift;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What alerting adds to the transaction that records a run ({@link AlertService#record}): plan against
 * the stored state, render, write outbox and state, on H2. A large drift — 500 resources with 6 attribute
 * changes each, rendered into the 64 KB bound — either changes every run (a DRIFT_CHANGED alert each
 * time) or stays the same (no alert: the common case). Run: see README, "Alerts".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class AlertRecordBench {

    static final int RESOURCES = 500;
    static final int CHANGES = 6;

    /**
     * The alerting alone, with the service's auto-configuration and an in-memory H2. A
     * {@code @TestConfiguration}, so the application's component scan in other tests' contexts skips it.
     */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(AlertingConfiguration.class)
    @EnableConfigurationProperties({AlertProperties.class, TapProperties.class, AwsProperties.class})
    public static class App {
    }

    private ConfigurableApplicationContext app;
    private AlertService alerts;
    private DriftReport a;
    private DriftReport b;
    private long run;

    @Setup
    public void start() {
        app = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).run(
                "--spring.config.name=alert-bench-no-such-file",
                "--spring.datasource.url=jdbc:h2:mem:alert-bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--tap.stacks[0].name=prod",
                "--tap.alerts.topic-arn=arn:aws:sns:us-east-1:123456789012:bench",
                "--tap.alerts.dispatch.enabled=false",
                "--logging.level.root=WARN");
        alerts = app.getBean(AlertService.class);
        a = report("a");
        b = report("b");
        alerts.record(event(a)); // opens the drift
    }

    @TearDown
    public void stop() {
        app.close();
    }

    @Benchmark
    public Object driftChangesEveryRun() {
        return alerts.record(event(run % 2 == 0 ? b : a));
    }

    @Benchmark
    public Object sameDriftNoAlert() {
        return alerts.record(event(a));
    }

    private RunEvent event(DriftReport report) {
        return new RunEvent("prod", "run-" + run++, List.of("us-east-1", "us-west-2", "ap-south-1"), report, List.of());
    }

    private static DriftReport report(String variant) {
        List<ResourceDrift> resources = new ArrayList<>();
        for (int i = 0; i < RESOURCES; i++) {
            List<PropertyChange> changes = new ArrayList<>();
            for (int c = 0; c < CHANGES; c++) {
                changes.add(new PropertyChange("tags.Key" + c, ChangeKind.UPDATE, true, "expected-value-" + c,
                        "actual-value-" + c + "-" + variant));
            }
            resources.add(ResourceDrift.of("urn:pulumi:prod::tap::aws:ec2/securityGroup:SecurityGroup::PROD-sg-" + i
                    + "-us-east-1", "aws:ec2/securityGroup:SecurityGroup", Operation.UPDATE, DriftSource.CLOUD, changes));
        }
        return DriftReport.merge("prod", Instant.parse("2026-12-03T12:00:00Z"), resources);
    }
}
