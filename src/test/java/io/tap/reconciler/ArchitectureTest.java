package io.tap.reconciler;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the dependency arrows of DESIGN.md §2 true. */
class ArchitectureTest {

    private static final String BASE = "io.tap.reconciler.";

    /** Feature package → the project packages it may use (besides itself). */
    private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("drift", List.of()),
            Map.entry("topology", List.of()),
            Map.entry("config", List.of("topology")),
            Map.entry("engine", List.of("topology", "drift", "config")),
            Map.entry("compliance", List.of("drift", "config")),
            Map.entry("remediation", List.of("drift", "config")),
            Map.entry("alerting", List.of("drift", "config")),
            Map.entry("validation", List.of("drift", "config")),
            Map.entry("reconcile", List.of("topology", "engine", "drift", "compliance", "remediation",
                    "alerting", "validation", "config")),
            Map.entry("api", List.of("reconcile", "drift", "remediation", "alerting", "validation",
                    "compliance", "config")),
            Map.entry("observability", List.of("reconcile", "drift", "remediation", "compliance",
                    "validation", "engine", "config")));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tap.reconciler");
    }

    @Test
    void featurePackagesDependOnlyOnWhatTheDesignAllows() {
        for (var entry : ALLOWED.entrySet()) {
            String[] forbidden = ALLOWED.keySet().stream()
                    .filter(p -> !p.equals(entry.getKey()) && !entry.getValue().contains(p))
                    .map(p -> BASE + p + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(BASE + entry.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because("DESIGN.md §2 allows " + entry.getKey() + " → " + entry.getValue())
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void onlyTheEnginePackageUsesTheAutomationApi() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(BASE + "engine..")
                .should().dependOnClassesThat().resideInAPackage("com.pulumi.automation..")
                .because("engine/ is the only adapter to the Automation API");
        rule.check(classes);
    }

    @Test
    void theTopologyAndTheDriftModelHaveNoSpringTypes() {
        Stream.of("topology", "drift").forEach(p -> noClasses().that().resideInAPackage(BASE + p + "..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .allowEmptyShould(true)
                .check(classes));
    }

    @Test
    void theDriftModelIsPure() {
        noClasses().that().resideInAPackage(BASE + "drift..")
                .should().dependOnClassesThat().resideInAnyPackage("com.pulumi..", "software.amazon..")
                .check(classes);
    }

    @Test
    void observabilityNeverCallsAwsOrPulumi() {
        noClasses().that().resideInAPackage(BASE + "observability..")
                .should().dependOnClassesThat().resideInAnyPackage("com.pulumi..", "software.amazon.awssdk.services..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
