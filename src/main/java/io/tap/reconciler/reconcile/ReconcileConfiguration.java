package io.tap.reconciler.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.tap.reconciler.alerting.AlertService;
import io.tap.reconciler.compliance.ComplianceReader;
import io.tap.reconciler.compliance.ConfigRemediator;
import io.tap.reconciler.config.RemediationProperties;
import io.tap.reconciler.config.TapProperties;
import io.tap.reconciler.engine.StackEngine;
import io.tap.reconciler.remediation.RemediationPolicy;
import io.tap.reconciler.validation.ValidationService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

/** Wires the reconcile pipeline, its run history and the scheduler. */
@Configuration(proxyBeanMethods = false)
class ReconcileConfiguration {

    @Bean
    RunHistory runHistory(JdbcClient jdbc) {
        return new RunHistory(jdbc, instanceId());
    }

    @Bean
    Reconciler reconciler(StackEngine engine, ObjectProvider<ComplianceReader> compliance,
                          ObjectProvider<ConfigRemediator> configRemediator, RemediationPolicy policy,
                          RemediationProperties remediation, RunHistory history, AlertService alerts,
                          PlatformTransactionManager transactions, MeterRegistry meters, Environment environment,
                          ObjectProvider<Clock> clock, ObjectProvider<ValidationService> validation) {
        return new Reconciler(engine, compliance, configRemediator, policy, remediation, history, alerts,
                new TransactionTemplate(transactions), meters, StackRegions.from(environment),
                SecretMasker.fromEnvironment(), clock.getIfAvailable(Clock::systemUTC), validation);
    }

    @Bean
    ReconcileScheduler reconcileScheduler(TapProperties tap, ReconcileProperties properties, Reconciler reconciler,
                                          RemediationProperties remediation, RunHistory history, StackEngine engine,
                                          PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        return new ReconcileScheduler(tap, properties, reconciler, remediation.approvalTtl(), history, engine,
                new TransactionTemplate(transactions), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    RecordedState reconcileQueries(TapProperties tap, RemediationProperties remediation, RunHistory history,
                                   ReconcileScheduler scheduler, ObjectProvider<Clock> clock) {
        return new RecordedState(tap, remediation, history, scheduler, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Identifies this process in the run history (which process ran a run). */
    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return ManagementFactory.getRuntimeMXBean().getName() + "@" + host;
    }
}
