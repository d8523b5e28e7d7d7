package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
        BackupRecord backup = backups.backUp(stack.env(), "it-backup-1", PREVIOUS);

        assertThat(backup.dumpTocEntries()).isGreaterThan(5);
        assertThat(Files.size(Path.of(backup.dumpFile()))).isEqualTo(backup.dumpSizeBytes());
        assertThat(backup.dumpSha256()).hasSize(64);
        assertThat(backups.tocEntries(Path.of(backup.dumpFile()))).isEqualTo(backup.dumpTocEntries());
        assertThat(backups.backUp(stack.env(), "it-backup-1", PREVIOUS)).isEqualTo(backup);
        assertThat(backups.list(stack.env())).extracting(BackupRecord::id).containsExactly("it-backup-1");

        runtime.enableMaintenance(stack.env());
        try (Connection connection = databases.connect(stack.env()); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE ir_module_module SET state = 'to upgrade' WHERE name = 'golive_demo'");
            sql.execute("CREATE TABLE drift (id int)");
        }
        Path filestore = stack.target().filestore();
        Files.writeString(filestore.resolve("written-after-backup.txt"), "x");
        assertThat(stack.tableChecksums()).isNotEqualTo(before);

        backups.restoreDatabase(stack.env(), "it-backup-1");
        backups.restoreFilestore(stack.env(), "it-backup-1");

        assertThat(stack.tableChecksums()).isEqualTo(before);
        assertThat(filestore.resolve("written-after-backup.txt")).doesNotExist();
        assertThat(Files.getOwner(filestore).getName()).isNotEqualTo("root");
    }

    @Test
    void restoreRefusesATamperedBackup() throws Exception {
        BackupRecord backup = backups.backUp(stack.env(), "it-backup-2", PREVIOUS);
        Files.write(Path.of(backup.dumpFile()), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        Map<String, String> before = stack.tableChecksums();
        assertThatThrownBy(() -> backups.restoreDatabase(stack.env(), "it-backup-2")).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("SHA-256");
        assertThat(stack.tableChecksums()).isEqualTo(before);
    }

    @Test
    void modulesAreJudgedByIrModuleModuleNotByExitCode() throws Exception {
        runtime.enableMaintenance(stack.env());
        Report installed = modules.install(stack.env(), RELEASE, List.of("golive_extra"), "it1");
        assertThat(installed.runs()).singleElement().satisfies(run -> {
            assertThat(run.exitCode()).isZero();
            assertThat(run.argv()).containsExactly("odoo", "-d", "golive_it", "-i", "golive_extra", "--stop-after-init", "--no-http");
        });
        assertThat(stack.moduleState("golive_extra")).startsWith("installed");
        assertThat(stack.moduleState("mail")).startsWith("installed");

        Report repeat = modules.install(stack.env(), RELEASE, List.of("golive_extra"), "it2");
        assertThat(repeat.runs()).isEmpty();
        assertThat(repeat.skipped()).containsExactly("golive_extra");

        Report updated = modules.update(stack.env(), RELEASE, List.of("golive_demo"), "it3");
        assertThat(updated.versionsBefore()).containsEntry("golive_demo", "18.0.1.0.0");
        assertThat(updated.versionsAfter()).containsEntry("golive_demo", "18.0.1.1.0");

        assertThatThrownBy(() -> modules.install(stack.env(), RELEASE, List.of("golive_typo"), "it4"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("odoo exited 0").hasMessageContaining("unknown to Odoo");
        assertThatThrownBy(() -> modules.install(stack.env(), RELEASE, List.of("golive_not_installable"), "it5"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("'uninstallable'");
        assertThatThrownBy(() -> modules.install(stack.env(), RELEASE, List.of("golive_broken"), "it6"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("exited 255");
        assertThatThrownBy(() -> modules.update(stack.env(), RELEASE, List.of("contacts"), "it7"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("not installed");
        assertThat(stack.containerNames()).containsExactly("golive-it-odoo");
    }

    @Test
    void validationPassesOnAHealthyOdooAndNamesWhatFails() throws Exception {
        for (Check check : Check.values()) {
            assertThat(validation.run(check, stack.env(), List.of("golive_demo"))).as(check.name()).isNotEmpty();
        }
        assertThat(validation.run(Check.LATENCY, stack.env(), List.of())).containsKey("p95Millis");

        // golive_extra exists only in the new release's addons, so the previous release's database does not know it
        assertThatThrownBy(() -> validation.run(Check.MODULES, stack.env(), List.of("golive_demo", "contacts", "golive_extra")))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("contacts (uninstalled)").hasMessageContaining("golive_extra (unknown to Odoo)")
                .hasMessageNotContaining("golive_demo");
        runtime.enableMaintenance(stack.env()); // a serving Odoo runs its crons and would move nextcall on
        try (Connection connection = databases.connect(stack.env()); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE ir_cron SET nextcall = now() - interval '3 days' WHERE id = (SELECT min(id) FROM ir_cron WHERE active)");
        }
        assertThatThrownBy(() -> validation.run(Check.CRONS, stack.env(), List.of()))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("stalled scheduled actions");
        assertThatThrownBy(() -> validation.run(Check.HEALTH, stack.env(), List.of())).isNotInstanceOf(StepFailedException.class);
    }

    @Test
    void runtimeKeepsThePreviousContainerAndBringsItBack() throws Exception {
        String host = stack.target().dockerHost();
        runtime.enableMaintenance(stack.env());
        // a go-live that failed before it kept anything must not take the previous container for its own
        assertThat(runtime.setAsideFailed(stack.env(), "it-gl-0", null)).isEmpty();
        assertThat(runtime.setAsideFailed(stack.env(), "it-gl-0", PREVIOUS)).isEmpty();
        var kept = runtime.keepPrevious(stack.env(), "it-gl-1").orElseThrow();
        assertThat(kept.image()).isEqualTo(PREVIOUS);
        assertThat(runtime.keepPrevious(stack.env(), "it-gl-1")).contains(kept);
        runtime.deployRelease(stack.env(), RELEASE, "it-gl-1");
        assertThat(runtime.keepPrevious(stack.env(), "it-gl-1")).contains(kept);
        runtime.startOdoo(stack.env());
        assertThat(containers.find(host, "golive-it-odoo").orElseThrow().image()).isEqualTo(RELEASE);
        assertThatThrownBy(() -> runtime.deployRelease(stack.env(), "golive/odoo:latest", "it-gl-1")).hasMessageContaining("latest");

        runtime.enableMaintenance(stack.env());
        assertThat(runtime.setAsideFailed(stack.env(), "it-gl-1", PREVIOUS)).contains("golive-it-odoo-failed-it-gl-1");
        runtime.restorePrevious(stack.env(), "it-gl-1", PREVIOUS);
        runtime.restorePrevious(stack.env(), "it-gl-1", PREVIOUS);
        var serving = containers.find(host, "golive-it-odoo").orElseThrow();
        assertThat(serving.image()).isEqualTo(PREVIOUS);
        assertThat(serving.running()).isTrue();
        assertThat(stack.containerNames()).containsExactlyInAnyOrder("golive-it-odoo", "golive-it-odoo-failed-it-gl-1");
    }
}
