package io.tap.reconciler.compliance;

import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ComplianceProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ComplianceConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({AwsProperties.class, ComplianceProperties.class})
    static class Props {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Props.class, ComplianceConfiguration.class);

    @Test
    void byDefaultTheAwsConfigReaderIsWiredAndConfigRemediationIsOff() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(ComplianceReader.class).hasSingleBean(ConfigRemediator.class);
            ComplianceProperties p = ctx.getBean(ComplianceProperties.class);
            assertThat(p.configRemediation().enabled()).isFalse();
            assertThat(p.pageSize()).isEqualTo(100);
            assertThat(p.regionsFor(java.util.List.of("us-east-1"))).containsExactly("us-east-1");
        });
    }

    @Test
    void disabledMeansNoReaderAndNoClient() {
        runner.withPropertyValues("tap.compliance.enabled=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(ComplianceReader.class).doesNotHaveBean(ConfigClients.class);
            assertThat(ctx).hasSingleBean(ComplianceState.class);
        });
    }

    @Test
    void invalidSettingsStopStartUpNamingTheProperty() {
        runner.withPropertyValues("tap.compliance.page-size=500", "tap.compliance.regions=moon-1")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause().message()
                        .contains("tap.compliance", "pageSize", "regions[0]", "AWS region name"));
    }

    @Test
    void aTypoUnderTapComplianceStopsStartUp() {
        runner.withPropertyValues("tap.compliance.config-remediaton.enabled=true")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
