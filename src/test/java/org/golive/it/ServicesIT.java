package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.golive.it.ItStack.PREVIOUS;
import static org.golive.it.ItStack.RELEASE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.deploy.ContainerService.ContainerInfo;
import org.golive.deploy.ContainerService.RunResult;
import org.golive.deploy.OdooRuntimeService;
import org.golive.deploy.OdooRuntimeService.KeptContainer;
import org.golive.modules.ModuleDeploymentService;
import org.golive.modules.ModuleDeploymentService.Report;
import org.golive.step.StepFailedException;
import org.golive.validation.ReleaseValidationService;
import org.golive.validation.ReleaseValidationService.Check;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Each service on its own against the real stack: Docker engine, PostgreSQL, the Odoo stand-in. Each nested class
 * runs one service's story once on a fresh environment; each test asserts one behaviour of it.
 */
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

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ContainerServiceRunsOneOffOdooCommandsAndIsIdempotent {

        private final String name = "golive-it-odoo-cs";
        private RunResult bad;
        private Optional<ContainerInfo> leftByTheBadRun;
        private ContainerInfo created;
        private ContainerInfo again;
        private Throwable otherImage;
        private Throwable stopOfANeverExisting;
        private Optional<ContainerInfo> afterRemove;
        private Optional<String> missingTag;

        @BeforeAll
        void story() throws Exception {
            stack.reset();
            String host = stack.target().dockerHost();
            bad = containers.run(host, stack.target().container(), PREVIOUS, name, List.of("odoo", "--no-such-option"), Duration.ofMinutes(1));
            leftByTheBadRun = containers.find(host, name);
            created = containers.create(host, stack.target().container(), PREVIOUS, name, List.of("odoo"), Map.of("org.golive.test", "1"));
            again = containers.create(host, stack.target().container(), PREVIOUS, name, List.of("odoo"), Map.of());
            otherImage = catchThrowable(() -> containers.create(host, stack.target().container(), RELEASE, name, List.of(), Map.of()));
            containers.stop(host, name, Duration.ofSeconds(5));
            stopOfANeverExisting = catchThrowable(() -> containers.stop(host, "golive-it-odoo-never-existed", Duration.ofSeconds(5)));
            containers.remove(host, name);
            afterRemove = containers.find(host, name);
            missingTag = containers.imageId(host, "golive/odoo:no-such-tag");
        }

        @Test
        void aFailedOneOffCommandGivesOdoosExitCodeAndLeavesNoContainer() {
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(leftByTheBadRun).isEmpty();
        }

        @Test
        void creatingTheSameContainerAgainGivesTheOneThere() {
            assertThat(again.id()).isEqualTo(created.id());
        }

        @Test
        void aCreatedContainerCarriesItsLabelsAndItsEnvironment() {
            assertThat(created.labels()).containsEntry("org.golive.test", "1").containsEntry("org.golive.environment", "it");
        }

        @Test
        void creatingItFromAnotherImageIsRefused() {
            assertThat(otherImage).hasMessageContaining("exists with image " + PREVIOUS);
        }

        @Test
        void stoppingAContainerThatNeverExistedIsNoError() {
            assertThat(stopOfANeverExisting).isNull();
        }

        @Test
        void aRemovedContainerIsGone() {
            assertThat(afterRemove).isEmpty();
        }

        @Test
        void anImageThatIsNotThereHasNoId() {
            assertThat(missingTag).isEmpty();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BackupIsVerifiedIdempotentAndRestoresTheExactContent {

        private Map<String, String> before;
        private BackupRecord backup;
        private int tocEntriesRead;
        private BackupRecord again;
        private List<String> listed;
        private Map<String, String> drifted;
        private Map<String, String> restored;
        private Path filestore;

        @BeforeAll
        void story() throws Exception {
            stack.reset();
            before = stack.tableChecksums();
            backup = backups.backUp(stack.env(), "it-backup-1", PREVIOUS);
            tocEntriesRead = backups.tocEntries(Path.of(backup.dumpFile()));
            again = backups.backUp(stack.env(), "it-backup-1", PREVIOUS);
            listed = backups.list(stack.env()).stream().map(BackupRecord::id).toList();

            runtime.enableMaintenance(stack.env());
            try (Connection connection = databases.connect(stack.env()); Statement sql = connection.createStatement()) {
                sql.execute("UPDATE ir_module_module SET state = 'to upgrade' WHERE name = 'golive_demo'");
                sql.execute("CREATE TABLE drift (id int)");
            }
            filestore = stack.target().filestore();
            Files.writeString(filestore.resolve("written-after-backup.txt"), "x");
            drifted = stack.tableChecksums();

            backups.restoreDatabase(stack.env(), "it-backup-1");
            backups.restoreFilestore(stack.env(), "it-backup-1");
            restored = stack.tableChecksums();
        }

        @Test
        void theBackupIsAReadableDumpWithItsSizeAndChecksum() throws Exception {
            assertThat(backup.dumpTocEntries()).isGreaterThan(5);
            assertThat(Files.size(Path.of(backup.dumpFile()))).isEqualTo(backup.dumpSizeBytes());
            assertThat(backup.dumpSha256()).hasSize(64);
            assertThat(tocEntriesRead).isEqualTo(backup.dumpTocEntries());
        }

        @Test
        void backingUpUnderTheSameIdAgainGivesTheBackupMadeBefore() {
            assertThat(again).isEqualTo(backup);
        }

        @Test
        void theBackupIsListed() {
            assertThat(listed).containsExactly("it-backup-1");
        }

        @Test
        void theDatabaseDriftedAfterTheBackup() {
            assertThat(drifted).isNotEqualTo(before);
        }

        @Test
        void theRestoreBringsBackTheExactDatabaseContent() {
            assertThat(restored).isEqualTo(before);
        }

        @Test
        void theRestoreBringsBackTheFilestoreOwnedByOdoo() throws Exception {
            assertThat(filestore.resolve("written-after-backup.txt")).doesNotExist();
            assertThat(Files.getOwner(filestore).getName()).isNotEqualTo("root");
        }

        @Test
        void restoreRefusesATamperedBackup() throws Exception {
            BackupRecord tampered = backups.backUp(stack.env(), "it-backup-2", PREVIOUS);
            Files.write(Path.of(tampered.dumpFile()), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
            Map<String, String> beforeRefusal = stack.tableChecksums();
            assertThatThrownBy(() -> backups.restoreDatabase(stack.env(), "it-backup-2")).isInstanceOf(StepFailedException.class)
                    .hasMessageContaining("SHA-256");
            assertThat(stack.tableChecksums()).isEqualTo(beforeRefusal);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ModulesAreJudgedByIrModuleModuleNotByExitCode {

        private Report installed;
        private String extraState;
        private String mailState;
        private Report repeat;
        private Report updated;
        private Throwable typo;
        private Throwable notInstallable;
        private Throwable broken;
        private Throwable notInstalled;
        private List<String> containersLeft;

        @BeforeAll
        void story() throws Exception {
            stack.reset();
            runtime.enableMaintenance(stack.env());
            installed = modules.install(stack.env(), RELEASE, List.of("golive_extra"), "it1");
            extraState = stack.moduleState("golive_extra");
            mailState = stack.moduleState("mail");
            repeat = modules.install(stack.env(), RELEASE, List.of("golive_extra"), "it2");
            updated = modules.update(stack.env(), RELEASE, List.of("golive_demo"), "it3");
            typo = catchThrowable(() -> modules.install(stack.env(), RELEASE, List.of("golive_typo"), "it4"));
            notInstallable = catchThrowable(() -> modules.install(stack.env(), RELEASE, List.of("golive_not_installable"), "it5"));
            broken = catchThrowable(() -> modules.install(stack.env(), RELEASE, List.of("golive_broken"), "it6"));
            notInstalled = catchThrowable(() -> modules.update(stack.env(), RELEASE, List.of("contacts"), "it7"));
            containersLeft = stack.containerNames();
        }

        @Test
        void anInstallRunsOdooOnceForTheModule() {
            assertThat(installed.runs()).singleElement().satisfies(run -> {
                assertThat(run.exitCode()).isZero();
                assertThat(run.argv()).containsExactly("odoo", "-d", "golive_it", "-i", "golive_extra", "--stop-after-init", "--no-http");
            });
        }

        @Test
        void theModuleAndWhatItDependsOnAreInstalledInTheDatabase() {
            assertThat(extraState).startsWith("installed");
            assertThat(mailState).startsWith("installed");
        }

        @Test
        void installingAnInstalledModuleAgainSkipsIt() {
            assertThat(repeat.runs()).isEmpty();
            assertThat(repeat.skipped()).containsExactly("golive_extra");
        }

        @Test
        void anUpdateRecordsTheVersionsBeforeAndAfter() {
            assertThat(updated.versionsBefore()).containsEntry("golive_demo", "18.0.1.0.0");
            assertThat(updated.versionsAfter()).containsEntry("golive_demo", "18.0.1.1.0");
        }

        @Test
        void aModuleUnknownToOdooFailsThoughOdooExits0() {
            assertThat(typo).isInstanceOf(StepFailedException.class).hasMessageContaining("odoo exited 0").hasMessageContaining("unknown to Odoo");
        }

        @Test
        void anUninstallableModuleFails() {
            assertThat(notInstallable).isInstanceOf(StepFailedException.class).hasMessageContaining("'uninstallable'");
        }

        @Test
        void aModuleThatBreaksOdooFailsWithOdoosExitCode() {
            assertThat(broken).isInstanceOf(StepFailedException.class).hasMessageContaining("exited 255");
        }

        @Test
        void updatingAModuleThatIsNotInstalledFails() {
            assertThat(notInstalled).isInstanceOf(StepFailedException.class).hasMessageContaining("not installed");
        }

        @Test
        void theOneOffRunsLeaveNoContainerBehind() {
            assertThat(containersLeft).containsExactly("golive-it-odoo");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ValidationPassesOnAHealthyOdooAndNamesWhatFails {

        private final Map<Check, Map<String, Object>> passed = new EnumMap<>(Check.class);
        private Map<String, Object> latency;
        private Throwable modulesMissing;
        private Throwable stalledCrons;
        private Throwable healthOfAStoppedOdoo;

        @BeforeAll
        void story() throws Exception {
            stack.reset();
            for (Check check : Check.values()) {
                passed.put(check, validation.run(check, stack.env(), List.of("golive_demo")));
            }
            latency = validation.run(Check.LATENCY, stack.env(), List.of());
            // golive_extra exists only in the new release's addons, so the previous release's database does not know it
            modulesMissing = catchThrowable(() -> validation.run(Check.MODULES, stack.env(), List.of("golive_demo", "contacts", "golive_extra")));
            runtime.enableMaintenance(stack.env()); // a serving Odoo runs its crons and would move nextcall on
            try (Connection connection = databases.connect(stack.env()); Statement sql = connection.createStatement()) {
                sql.execute("UPDATE ir_cron SET nextcall = now() - interval '3 days' WHERE id = (SELECT min(id) FROM ir_cron WHERE active)");
            }
            stalledCrons = catchThrowable(() -> validation.run(Check.CRONS, stack.env(), List.of()));
            healthOfAStoppedOdoo = catchThrowable(() -> validation.run(Check.HEALTH, stack.env(), List.of()));
        }

        @Test
        void everyCheckPassesOnAHealthyOdoo() {
            for (Check check : Check.values()) {
                assertThat(passed.get(check)).as(check.name()).isNotEmpty();
            }
        }

        @Test
        void theLatencyCheckGivesItsP95() {
            assertThat(latency).containsKey("p95Millis");
        }

        @Test
        void theModulesCheckNamesEachModuleThatIsNotInstalled() {
            assertThat(modulesMissing).isInstanceOf(StepFailedException.class)
                    .hasMessageContaining("contacts (uninstalled)").hasMessageContaining("golive_extra (unknown to Odoo)")
                    .hasMessageNotContaining("golive_demo");
        }

        @Test
        void theCronsCheckFindsStalledScheduledActions() {
            assertThat(stalledCrons).isInstanceOf(StepFailedException.class).hasMessageContaining("stalled scheduled actions");
        }

        @Test
        void aStoppedOdooIsATechnicalFaultOfTheHealthCheckNotAFailedCheck() {
            assertThat(healthOfAStoppedOdoo).isNotNull().isNotInstanceOf(StepFailedException.class);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RuntimeKeepsThePreviousContainerAndBringsItBack {

        private Optional<String> setAsideWithoutPrevious;
        private Optional<String> setAsideBeforeKeeping;
        private KeptContainer kept;
        private Optional<KeptContainer> keptAgain;
        private Optional<KeptContainer> keptAfterDeploy;
        private String releaseServing;
        private Throwable latest;
        private Optional<String> setAside;
        private ContainerInfo serving;
        private List<String> containersLeft;

        @BeforeAll
        void story() throws Exception {
            stack.reset();
            String host = stack.target().dockerHost();
            runtime.enableMaintenance(stack.env());
            setAsideWithoutPrevious = runtime.setAsideFailed(stack.env(), "it-gl-0", null);
            setAsideBeforeKeeping = runtime.setAsideFailed(stack.env(), "it-gl-0", PREVIOUS);
            kept = runtime.keepPrevious(stack.env(), "it-gl-1").orElseThrow();
            keptAgain = runtime.keepPrevious(stack.env(), "it-gl-1");
            runtime.deployRelease(stack.env(), RELEASE, "it-gl-1");
            keptAfterDeploy = runtime.keepPrevious(stack.env(), "it-gl-1");
            runtime.startOdoo(stack.env());
            releaseServing = containers.find(host, "golive-it-odoo").orElseThrow().image();
            latest = catchThrowable(() -> runtime.deployRelease(stack.env(), "golive/odoo:latest", "it-gl-1"));

            runtime.enableMaintenance(stack.env());
            setAside = runtime.setAsideFailed(stack.env(), "it-gl-1", PREVIOUS);
            runtime.restorePrevious(stack.env(), "it-gl-1", PREVIOUS);
            runtime.restorePrevious(stack.env(), "it-gl-1", PREVIOUS);
            serving = containers.find(host, "golive-it-odoo").orElseThrow();
            containersLeft = stack.containerNames();
        }

        @Test
        void aGoLiveThatKeptNothingSetsNothingAside() {
            // it must not take the previous container for its own
            assertThat(setAsideWithoutPrevious).isEmpty();
            assertThat(setAsideBeforeKeeping).isEmpty();
        }

        @Test
        void theRunningContainerIsKept() {
            assertThat(kept.image()).isEqualTo(PREVIOUS);
        }

        @Test
        void keepingAgainGivesTheKeptContainer() {
            assertThat(keptAgain).contains(kept);
            assertThat(keptAfterDeploy).contains(kept);
        }

        @Test
        void theStartedReleaseContainerServesTheRelease() {
            assertThat(releaseServing).isEqualTo(RELEASE);
        }

        @Test
        void theLatestTagIsRefused() {
            assertThat(latest).hasMessageContaining("latest");
        }

        @Test
        void theFailedReleaseIsSetAsideUnderItsGoLivesName() {
            assertThat(setAside).contains("golive-it-odoo-failed-it-gl-1");
        }

        @Test
        void bringingThePreviousBackTwiceLeavesItServing() {
            assertThat(serving.image()).isEqualTo(PREVIOUS);
            assertThat(serving.running()).isTrue();
        }

        @Test
        void onlyTheServingAndTheSetAsideContainersRemain() {
            assertThat(containersLeft).containsExactlyInAnyOrder("golive-it-odoo", "golive-it-odoo-failed-it-gl-1");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OneRunInstallsAndUpdatesAndItsFailureNamesTheModule {

        private Report release;
        private String extraState;
        private String demoState;
        private Throwable broken;
        private List<String> containersLeft;

        @BeforeAll
        void story() throws Exception {
            stack.reset();
            runtime.enableMaintenance(stack.env());
            release = modules.release(stack.env(), RELEASE, List.of("golive_extra"), List.of("golive_demo"), "it8");
            extraState = stack.moduleState("golive_extra");
            demoState = stack.moduleState("golive_demo");
            broken = catchThrowable(() -> modules.release(stack.env(), RELEASE, List.of("golive_broken"), List.of("golive_extra"), "it9"));
            containersLeft = stack.containerNames();
        }

        @Test
        void oneOdooRunInstallsAndUpdates() {
            assertThat(release.runs()).singleElement().satisfies(run -> {
                assertThat(run.exitCode()).isZero();
                assertThat(run.argv()).containsExactly("odoo", "-d", "golive_it", "-i", "golive_extra", "-u", "golive_demo",
                        "--stop-after-init", "--no-http");
            });
        }

        @Test
        void theModulesAreInstalledAtTheReleasesVersions() {
            assertThat(extraState).isEqualTo("installed 18.0.1.0.0");
            assertThat(demoState).isEqualTo("installed 18.0.1.1.0");
        }

        @Test
        void aFailedRunNamesTheModuleOdoosLogNames() {
            assertThat(broken).isInstanceOfSatisfying(StepFailedException.class, e -> {
                assertThat(e.getMessage()).startsWith("installing golive_broken: odoo exited 255 (odoo -d golive_it -i golive_broken"
                        + " -u golive_extra --stop-after-init --no-http)");
                assertThat(e.facts()).containsEntry(ModuleDeploymentService.FAILING_MODULE, "golive_broken");
            });
        }

        @Test
        void theRunsLeaveNoContainerBehind() {
            assertThat(containersLeft).containsExactly("golive-it-odoo");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheReleaseContainerIsPreparedWhileThePreviousServesAndSwappedInOnce {

        private String previousId;
        private ContainerInfo prepared;
        private ContainerInfo preparedAgain;
        private ContainerInfo servingWhilePrepared;
        private ContainerInfo deployed;
        private ContainerInfo deployedAgain;
        private ContainerInfo preparedAfterTheSwap;
        private ContainerInfo servingAfterStart;
        private List<String> containersLeft;

        @BeforeAll
        void story() throws Exception {
            stack.reset();
            String host = stack.target().dockerHost();
            previousId = containers.find(host, "golive-it-odoo").orElseThrow().id();
            prepared = runtime.prepareRelease(stack.env(), RELEASE, "it-gl-2");
            preparedAgain = runtime.prepareRelease(stack.env(), RELEASE, "it-gl-2");
            servingWhilePrepared = containers.find(host, "golive-it-odoo").orElseThrow();
            runtime.enableMaintenance(stack.env());
            runtime.keepPrevious(stack.env(), "it-gl-2");
            deployed = runtime.deployRelease(stack.env(), RELEASE, "it-gl-2");
            deployedAgain = runtime.deployRelease(stack.env(), RELEASE, "it-gl-2");
            preparedAfterTheSwap = runtime.prepareRelease(stack.env(), RELEASE, "it-gl-2");
            runtime.startOdoo(stack.env());
            servingAfterStart = containers.find(host, "golive-it-odoo").orElseThrow();
            containersLeft = stack.containerNames();
        }

        @Test
        void theReleaseContainerIsMadeUnderItsStagingNameAndNotStarted() {
            assertThat(prepared.name()).isEqualTo("golive-it-odoo-release-it-gl-2");
            assertThat(prepared.running()).isFalse();
        }

        @Test
        void preparingAgainGivesThePreparedContainer() {
            assertThat(preparedAgain.id()).isEqualTo(prepared.id());
        }

        @Test
        void thePreviousContainerServesWhileTheReleaseIsPrepared() {
            assertThat(servingWhilePrepared.id()).isEqualTo(previousId);
            assertThat(servingWhilePrepared.running()).isTrue();
        }

        @Test
        void theWindowSwapsThePreparedContainerIn() {
            assertThat(deployed.id()).isEqualTo(prepared.id());
        }

        @Test
        void aRepeatedSwapOrPreparationGivesTheSameContainer() {
            assertThat(deployedAgain.id()).as("a repeat").isEqualTo(prepared.id());
            assertThat(preparedAfterTheSwap.id()).as("a repeat after the swap").isEqualTo(prepared.id());
        }

        @Test
        void thePreparedContainerServesAfterTheStart() {
            assertThat(servingAfterStart.id()).isEqualTo(prepared.id());
            assertThat(servingAfterStart.running()).isTrue();
        }

        @Test
        void onlyTheServingAndTheKeptContainersRemain() {
            assertThat(containersLeft).containsExactlyInAnyOrder("golive-it-odoo", "golive-it-odoo-previous-it-gl-2");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class APreparedContainerThatNeverWentLiveIsRemoved {

        private List<String> afterTheNextPreparation;
        private Optional<String> setAside;
        private List<String> afterTheRollback;
        private boolean previousRunning;

        @BeforeAll
        void story() throws Exception {
            stack.reset();
            runtime.prepareRelease(stack.env(), RELEASE, "it-gl-3");
            // the next go-live of the environment finds the leftover of one that stopped before its window
            runtime.prepareRelease(stack.env(), RELEASE, "it-gl-4");
            afterTheNextPreparation = stack.containerNames();
            // a rollback before the swap: the previous container stays where it is, serving
            setAside = runtime.setAsideFailed(stack.env(), "it-gl-4", PREVIOUS);
            afterTheRollback = stack.containerNames();
            previousRunning = containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow().running();
        }

        @Test
        void theNextPreparationRemovesTheLeftoverOfAnEarlierGoLive() {
            assertThat(afterTheNextPreparation).containsExactlyInAnyOrder("golive-it-odoo", "golive-it-odoo-release-it-gl-4");
        }

        @Test
        void aRollbackBeforeTheSwapSetsNothingAside() {
            assertThat(setAside).isEmpty();
        }

        @Test
        void aRollbackBeforeTheSwapRemovesThePreparedContainer() {
            assertThat(afterTheRollback).containsExactly("golive-it-odoo");
        }

        @Test
        void thePreviousContainerKeepsServing() {
            assertThat(previousRunning).isTrue();
        }
    }
}
