package org.golive;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of docs/architecture.md: every import runs down, never up and never in a circle.
 * A new package must be placed in a layer here, or this test fails and says where it is.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.golive");
    }

    @Test
    void packagesImportOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Entry").definedBy("org.golive", "org.golive.api..", "org.golive.engine..", "org.golive.monitoring..")
                .layer("Orchestration").definedBy("org.golive.process..")
                .layer("Features").definedBy("org.golive.readiness..", "org.golive.signoff..", "org.golive.rollback..",
                        "org.golive.followup..", "org.golive.validation..", "org.golive.modules..", "org.golive.notify..",
                        "org.golive.evidence..", "org.golive.plan..", "org.golive.hooks..",
                        "org.golive.rehearsal..")
                .layer("Platform").definedBy("org.golive.backup..", "org.golive.deploy..", "org.golive.lock..")
                .layer("Clients").definedBy("org.golive.odoo..", "org.golive.remote..")
                .layer("Step").definedBy("org.golive.step..")
                .layer("Config").definedBy("org.golive.config..")
                .layer("Base").definedBy("org.golive.manifest..", "org.golive.support..")
                .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
                .whereLayer("Orchestration").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Entry", "Orchestration")
                .whereLayer("Platform").mayOnlyBeAccessedByLayers("Entry", "Orchestration", "Features")
                .whereLayer("Clients").mayOnlyBeAccessedByLayers("Entry", "Orchestration", "Features", "Platform")
                .whereLayer("Step").mayOnlyBeAccessedByLayers("Entry", "Orchestration", "Features", "Platform")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Entry", "Orchestration", "Features", "Platform", "Clients", "Step")
                .ensureAllClassesAreContainedInArchitecture()
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.golive.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void clientsAndPlatformServicesKnowNothingOfCamunda() {
        noClasses().that().resideInAnyPackage("org.golive.odoo..", "org.golive.remote..", "org.golive.support..",
                        "org.golive.manifest..")
                .or().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(classes);
    }
}
