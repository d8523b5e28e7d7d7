package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.golive.it.ItStack.ENV;
import static org.golive.it.ItStack.PREVIOUS;
import static org.golive.it.ItStack.RELEASE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.deploy.ContainerService.RunResult;
import org.golive.deploy.OdooRuntimeService;
import org.golive.modules.ModuleDeploymentService;
import org.golive.modules.ModuleDeploymentService.Report;
import org.golive.step.StepFailedException;
import org.golive.validation.ReleaseValidationService;
import org.golive.validation.ReleaseValidationService.Check;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** Each service on its own against the real stack: Docker engine, PostgreSQL, the Odoo stand-in. */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
class ServicesIT {

    @Autowired
    ItStack stack;
    @Autowired
    ContainerService containers;
    @Autowired
    OdooRuntimeService runtime;
    @Autowired
    BackupService backups;
    @Autowired
    ModuleDeploymentService modules;
    @Autowired
    ReleaseValidationService validation;
    @Autowired
    TargetDatabases databases;

    @BeforeEach
    void freshEnvironment() throws Exception {
        stack.reset();
    }

    @Test
    void containerServiceRunsOneOffOdooCommandsAndIsIdempotent() {
        String host = stack.target().dockerHost();
        String name = "golive-it-odoo-cs";
        RunResult bad = containers.run(host, stack.target().container(), PREVIOUS, name, List.of("odoo", "--no-such-option"), Duration.ofMinutes(1));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(containers.find(host, name)).isEmpty();

        var created = containers.create(host, stack.target().container(), PREVIOUS, name, List.of("odoo"), Map.of("org.golive.test", "1"));
        var again = containers.create(host, stack.target().container(), PREVIOUS, name, List.of("odoo"), Map.of());
        assertThat(again.id()).isEqualTo(created.id());
        assertThat(created.labels()).containsEntry("org.golive.test", "1").containsEntry("org.golive.environment", "it");
        assertThatThrownBy(() -> containers.create(host, stack.target().container(), RELEASE, name, List.of(), Map.of()))
                .hasMessageContaining("exists with image " + PREVIOUS);
        containers.stop(host, name, Duration.ofSeconds(5));
        containers.stop(host, "golive-it-odoo-never-existed", Duration.ofSeconds(5));
        containers.remove(host, name);
        assertThat(containers.find(host, name)).isEmpty();
        assertThat(containers.imageId(host, "golive/odoo:no-such-tag")).isEmpty();
    }

    @Test
    void backupIsVerifiedIdempotentAndRestoresTheExactContent() throws Exception {
        Map<String, String> before = stack.tableChecksums();
        BackupRecord backup = backups.backUp(ENV, "it-backup-1", PREVIOUS);

        assertThat(backup.dumpTocEntries()).isGreaterThan(5);
        assertThat(Files.size(Path.of(backup.dumpFile()))).isEqualTo(backup.dumpSizeBytes());
        assertThat(backup.dumpSha256()).hasSize(64);
        assertThat(backups.tocEntries(Path.of(backup.dumpFile()))).isEqualTo(backup.dumpTocEntries());
        assertThat(backups.backUp(ENV, "it-backup-1", PREVIOUS)).isEqualTo(backup);
        assertThat(backups.list(ENV)).extracting(BackupRecord::id).containsExactly("it-backup-1");

        runtime.enableMaintenance(ENV);
        try (Connection connection = databases.connect(ENV); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE ir_module_module SET state = 'to upgrade' WHERE name = 'golive_demo'");
            sql.execute("CREATE TABLE drift (id int)");
        }
        Path filestore = stack.target().filestore();
        Files.writeString(filestore.resolve("written-after-backup.txt"), "x");
        assertThat(stack.tableChecksums()).isNotEqualTo(before);

        backups.restoreDatabase(ENV, "it-backup-1");
        backups.restoreFilestore(ENV, "it-backup-1");

        assertThat(stack.tableChecksums()).isEqualTo(before);
        assertThat(filestore.resolve("written-after-backup.txt")).doesNotExist();
        assertThat(Files.getOwner(filestore).getName()).isNotEqualTo("root");
    }

    @Test
    void restoreRefusesATamperedBackup() throws Exception {
        BackupRecord backup = backups.backUp(ENV, "it-backup-2", PREVIOUS);
        Files.write(Path.of(backup.dumpFile()), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        Map<String, String> before = stack.tableChecksums();
        assertThatThrownBy(() -> backups.restoreDatabase(ENV, "it-backup-2")).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("SHA-256");
        assertThat(stack.tableChecksums()).isEqualTo(before);
    }

    @Test
    void modulesAreJudgedByIrModuleModuleNotByExitCode() throws Exception {
        runtime.enableMaintenance(ENV);
        Report installed = modules.install(ENV, RELEASE, List.of("golive_extra"), "it1");
        assertThat(installed.runs()).singleElement().satisfies(run -> {
            assertThat(run.exitCode()).isZero();
            assertThat(run.argv()).containsExactly("odoo", "-d", "golive_it", "-i", "golive_extra", "--stop-after-init", "--no-http");
        });
        assertThat(stack.moduleState("golive_extra")).startsWith("installed");
        assertThat(stack.moduleState("mail")).startsWith("installed");

        Report repeat = modules.install(ENV, RELEASE, List.of("golive_extra"), "it2");
        assertThat(repeat.runs()).isEmpty();
        assertThat(repeat.skipped()).containsExactly("golive_extra");

        Report updated = modules.update(ENV, RELEASE, List.of("golive_demo"), "it3");
        assertThat(updated.versionsBefore()).containsEntry("golive_demo", "18.0.1.0.0");
        assertThat(updated.versionsAfter()).containsEntry("golive_demo", "18.0.1.1.0");

        assertThatThrownBy(() -> modules.install(ENV, RELEASE, List.of("golive_typo"), "it4"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("odoo exited 0").hasMessageContaining("unknown to Odoo");
        assertThatThrownBy(() -> modules.install(ENV, RELEASE, List.of("golive_not_installable"), "it5"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("'uninstallable'");
        assertThatThrownBy(() -> modules.install(ENV, RELEASE, List.of("golive_broken"), "it6"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("exited 255");
        assertThatThrownBy(() -> modules.update(ENV, RELEASE, List.of("contacts"), "it7"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("not installed");
        assertThat(stack.containerNames()).containsExactly("golive-it-odoo");
    }

    @Test
    void oneRunInstallsAndUpdatesAndItsFailureNamesTheModule() throws Exception {
        runtime.enableMaintenance(ENV);
        Report release = modules.release(ENV, RELEASE, List.of("golive_extra"), List.of("golive_demo"), "it8");
        assertThat(release.runs()).singleElement().satisfies(run -> {
            assertThat(run.exitCode()).isZero();
            assertThat(run.argv()).containsExactly("odoo", "-d", "golive_it", "-i", "golive_extra", "-u", "golive_demo",
                    "--stop-after-init", "--no-http");
        });
        assertThat(stack.moduleState("golive_extra")).isEqualTo("installed 18.0.1.0.0");
        assertThat(stack.moduleState("golive_demo")).isEqualTo("installed 18.0.1.1.0");

        assertThatThrownBy(() -> modules.release(ENV, RELEASE, List.of("golive_broken"), List.of("golive_extra"), "it9"))
                .isInstanceOfSatisfying(StepFailedException.class, e -> {
                    assertThat(e.getMessage()).startsWith("installing golive_broken: odoo exited 255 (odoo -d golive_it -i golive_broken"
                            + " -u golive_extra --stop-after-init --no-http)");
                    assertThat(e.facts()).containsEntry(ModuleDeploymentService.FAILING_MODULE, "golive_broken");
                });
        assertThat(stack.containerNames()).containsExactly("golive-it-odoo");
    }

    @Test
    void theReleaseContainerIsPreparedWhileThePreviousServesAndSwappedInOnce() throws Exception {
        String host = stack.target().dockerHost();
        String previousId = containers.find(host, "golive-it-odoo").orElseThrow().id();
        var prepared = runtime.prepareRelease(ENV, RELEASE, "it-gl-2");
        assertThat(prepared.name()).isEqualTo("golive-it-odoo-release-it-gl-2");
        assertThat(prepared.running()).isFalse();
        assertThat(runtime.prepareRelease(ENV, RELEASE, "it-gl-2").id()).isEqualTo(prepared.id());
        assertThat(containers.find(host, "golive-it-odoo").orElseThrow()).satisfies(c -> {
            assertThat(c.id()).isEqualTo(previousId);
            assertThat(c.running()).isTrue();
        });

        runtime.enableMaintenance(ENV);
        runtime.keepPrevious(ENV, "it-gl-2");
        assertThat(runtime.deployRelease(ENV, RELEASE, "it-gl-2").id()).isEqualTo(prepared.id());
        assertThat(runtime.deployRelease(ENV, RELEASE, "it-gl-2").id()).as("a repeat").isEqualTo(prepared.id());
        assertThat(runtime.prepareRelease(ENV, RELEASE, "it-gl-2").id()).as("a repeat after the swap").isEqualTo(prepared.id());
        runtime.startOdoo(ENV);

        assertThat(containers.find(host, "golive-it-odoo").orElseThrow()).satisfies(c -> {
            assertThat(c.id()).isEqualTo(prepared.id());
            assertThat(c.running()).isTrue();
        });
        assertThat(stack.containerNames()).containsExactlyInAnyOrder("golive-it-odoo", "golive-it-odoo-previous-it-gl-2");
    }

    @Test
    void aPreparedContainerThatNeverWentLiveIsRemoved() {
        runtime.prepareRelease(ENV, RELEASE, "it-gl-3");
        // the next go-live of the environment finds the leftover of one that stopped before its window
        runtime.prepareRelease(ENV, RELEASE, "it-gl-4");
        assertThat(stack.containerNames()).containsExactlyInAnyOrder("golive-it-odoo", "golive-it-odoo-release-it-gl-4");
        // a rollback before the swap: the previous container stays where it is, serving
        assertThat(runtime.setAsideFailed(ENV, "it-gl-4", PREVIOUS)).isEmpty();
        assertThat(stack.containerNames()).containsExactly("golive-it-odoo");
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow().running()).isTrue();
    }

    @Test
    void validationPassesOnAHealthyOdooAndNamesWhatFails() throws Exception {
        for (Check check : Check.values()) {
            assertThat(validation.run(check, ENV, List.of("golive_demo"))).as(check.name()).isNotEmpty();
        }
        assertThat(validation.run(Check.LATENCY, ENV, List.of())).containsKey("p95Millis");

        // golive_extra exists only in the new release's addons, so the previous release's database does not know it
        assertThatThrownBy(() -> validation.run(Check.MODULES, ENV, List.of("golive_demo", "contacts", "golive_extra")))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("contacts (uninstalled)").hasMessageContaining("golive_extra (unknown to Odoo)")
                .hasMessageNotContaining("golive_demo");
        runtime.enableMaintenance(ENV); // a serving Odoo runs its crons and would move nextcall on
        try (Connection connection = databases.connect(ENV); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE ir_cron SET nextcall = now() - interval '3 days' WHERE id = (SELECT min(id) FROM ir_cron WHERE active)");
        }
        assertThatThrownBy(() -> validation.run(Check.CRONS, ENV, List.of()))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("stalled scheduled actions");
        assertThatThrownBy(() -> validation.run(Check.HEALTH, ENV, List.of())).isNotInstanceOf(StepFailedException.class);
    }

    @Test
    void runtimeKeepsThePreviousContainerAndBringsItBack() throws Exception {
        String host = stack.target().dockerHost();
        runtime.enableMaintenance(ENV);
        // a go-live that failed before it kept anything must not take the previous container for its own
        assertThat(runtime.setAsideFailed(ENV, "it-gl-0", null)).isEmpty();
        assertThat(runtime.setAsideFailed(ENV, "it-gl-0", PREVIOUS)).isEmpty();
        var kept = runtime.keepPrevious(ENV, "it-gl-1").orElseThrow();
        assertThat(kept.image()).isEqualTo(PREVIOUS);
        assertThat(runtime.keepPrevious(ENV, "it-gl-1")).contains(kept);
        runtime.deployRelease(ENV, RELEASE, "it-gl-1");
        assertThat(runtime.keepPrevious(ENV, "it-gl-1")).contains(kept);
        runtime.startOdoo(ENV);
        assertThat(containers.find(host, "golive-it-odoo").orElseThrow().image()).isEqualTo(RELEASE);
        assertThatThrownBy(() -> runtime.deployRelease(ENV, "golive/odoo:latest", "it-gl-1")).hasMessageContaining("latest");

        runtime.enableMaintenance(ENV);
        assertThat(runtime.setAsideFailed(ENV, "it-gl-1", PREVIOUS)).contains("golive-it-odoo-failed-it-gl-1");
        runtime.restorePrevious(ENV, "it-gl-1", PREVIOUS);
        runtime.restorePrevious(ENV, "it-gl-1", PREVIOUS);
        var serving = containers.find(host, "golive-it-odoo").orElseThrow();
        assertThat(serving.image()).isEqualTo(PREVIOUS);
        assertThat(serving.running()).isTrue();
        assertThat(stack.containerNames()).containsExactlyInAnyOrder("golive-it-odoo", "golive-it-odoo-failed-it-gl-1");
    }
}
