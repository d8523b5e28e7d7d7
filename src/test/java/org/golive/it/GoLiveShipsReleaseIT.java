package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.PREVIOUS;
import static org.golive.it.ItStack.RELEASE;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.golive.backup.BackupRecord;
import org.golive.step.EvidenceLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One go-live of golive/odoo:18.0-2 on the 'it' environment, approved: what it did, one behaviour per test. */
class GoLiveShipsReleaseIT extends GoLiveJourney {

    @Autowired
    EvidenceLog evidence;

    private BackupRecord nightly;
    private String id;
    private HistoricProcessInstance done;
    private BackupRecord backup;

    @BeforeAll
    void goLive() throws Exception {
        stack.reset();
        nightly = backUpNow();
        id = start("""
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                install: [golive_extra]
                update: [golive_demo]
                notes: end-to-end
                """);
        passReadinessAndSignOffs(id);
        decide(id, "go", "all gates green");
        done = awaitEnd(id, Duration.ofMinutes(5));
        backup = backups.find(stack.env(), done.getBusinessKey()).orElse(null);
    }

    @Test
    void endsCompleted() {
        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_GoLiveCompleted");
    }

    @Test
    void theReleaseContainerServesTheReleaseTag() {
        var container = containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow();
        assertThat(container.image()).isEqualTo(RELEASE);
        assertThat(container.running()).isTrue();
        assertThat(container.labels()).containsEntry("org.golive.release", "18.0-2");
        assertThat(probe.healthy(stack.target().odooUrl())).isTrue();
    }

    @Test
    void theModulesAreInstalledAndUpdatedInTheDatabase() throws Exception {
        assertThat(stack.moduleState("golive_extra")).isEqualTo("installed 18.0.1.0.0");
        assertThat(stack.moduleState("golive_demo")).isEqualTo("installed 18.0.1.1.0");
        assertThat(variable(id, "moduleVersionsAfter")).asString().contains("golive_demo=18.0.1.1.0");
    }

    @Test
    void oneOdooRunInstalledAndUpdatedTheModules() {
        assertThat(evidence.entries(done.getBusinessKey())).filteredOn(e -> "Task_InstallAndUpdateModules".equals(e.get("step")))
                .singleElement().satisfies(e -> assertThat(e.get("runs")).asList().singleElement().asString()
                        .contains("argv=[odoo, -d, golive_it, -i, golive_extra, -u, golive_demo, --stop-after-init, --no-http]")
                        .contains("exitCode=0"));
    }

    @Test
    void theReleaseContainerWasCreatedBeforeMaintenanceAndStartedInsideIt() {
        var maintenance = history.createHistoricActivityInstanceQuery().processInstanceId(id).activityId("Task_EnableMaintenance")
                .singleResult();
        String[] inspected = Docker.run("docker", "-H", stack.target().dockerHost(), "inspect", "-f",
                "{{.Id}} {{.Created}} {{.State.StartedAt}}", "golive-it-odoo").strip().split(" ");
        assertThat(Instant.parse(inspected[1])).as("created").isBefore(maintenance.getStartTime().toInstant());
        assertThat(Instant.parse(inspected[2])).as("started").isAfter(maintenance.getEndTime().toInstant());
        // the very container prepared before the window, renamed inside it: not made again
        assertThat(evidence.entries(done.getBusinessKey())).filteredOn(e -> "Task_PrepareReleaseContainer".equals(e.get("step")))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("containerId", inspected[0])
                        .containsEntry("container", "golive-it-odoo-release-" + done.getBusinessKey()));
    }

    @Test
    void theReleaseContainerIsStoppedWithinTheEnvironmentsStopTimeoutByWhoeverStopsIt() {
        assertThat(Docker.run("docker", "-H", stack.target().dockerHost(), "inspect", "-f", "{{.Config.StopTimeout}}", "golive-it-odoo")
                .strip()).isEqualTo(String.valueOf(stack.target().container().stopTimeout().toSeconds()));
    }

    @Test
    void thePreDeployBackupIsVerifiedAndRecorded() {
        assertThat(backup).isNotNull();
        assertThat(backups.tocEntries(Path.of(backup.dumpFile()))).isEqualTo(backup.dumpTocEntries()).isPositive();
        assertThat(backup.runningImage()).isEqualTo(PREVIOUS);
        assertThat(backup.definition()).as("the database's own definition, for the restore").isNotNull();
        assertThat(variable(id, "backupSha256")).isEqualTo(backup.dumpSha256());
    }

    @Test
    void thePreviousContainerIsKeptStoppedForARollback() {
        var kept = containers.find(stack.target().dockerHost(), "golive-it-odoo-previous-" + done.getBusinessKey()).orElseThrow();
        assertThat(kept.image()).isEqualTo(PREVIOUS);
        assertThat(kept.running()).isFalse();
    }

    @Test
    void theLeadWhoSaidGoIsRecorded() {
        assertThat(variable(id, "goNoGoDecidedBy")).isEqualTo("lead");
    }

    @Test
    void noSecretLandsInHistory() throws Exception {
        assertNoSecretsInHistory();
    }

    @Test
    void thePlanFoundTheSeriesAndEveryChangedModuleUpdatedAndTheGoLiveRecordedWhatWentLive() {
        String readiness = calledInstance(id, "check-readiness");
        assertThat(variable(readiness, "gate_series")).isEqualTo("pass");
        assertThat(variable(readiness, "gate_modulePlan")).as("%s", variable(readiness, "gateSummary_modulePlan")).isEqualTo("pass");
        assertThat(variable(id, "planModules")).asString().contains("changed: golive_demo");
        assertThat(evidenceOf(done.getBusinessKey())).anyMatch(e -> "modules-applied".equals(e.get("step"))
                && String.valueOf(e.get("appliedModuleChecksums")).contains("golive_demo=")
                && String.valueOf(e.get("appliedModuleChecksums")).contains("golive_extra="));
    }

    @Test
    void readinessTestRestoredTheBackupAndSentTheMissingStagingToAPerson() {
        // the gate results stay in the readiness instance, go-live gets its outcome
        String readiness = calledInstance(id, "check-readiness");
        assertThat(variable(readiness, "gate_backupRestore")).isEqualTo("pass");
        assertThat(variable(readiness, "gate_imageTag")).isEqualTo("pass");
        assertThat(variable(readiness, "gate_odooConfig")).isEqualTo("pass");
        assertThat(variable(readiness, "gate_runtime")).isEqualTo("pass");
        assertThat(variable(readiness, "gate_stagingHistory")).isEqualTo("inconclusive");
        assertThat(variable(readiness, "gateReviewedBy")).isEqualTo("lead");
        assertThat(variable(id, "readinessOutcome")).isEqualTo("ready");
    }

    @Test
    void whatShippedCarriesTheRealValues() {
        String imageDigest = containers.imageId(stack.target().dockerHost(), RELEASE).orElseThrow();
        String shipped = EvidenceDocumentsFetch.whatShipped(rest, done.getBusinessKey());
        assertThat(shipped).contains("| Release | `golive/odoo:18.0-2` |")
                .contains("| Image digest | `" + imageDigest + "` |")
                .contains("| `golive_demo` | update | `18.0.1.0.0` | `18.0.1.1.0` |")
                .contains("`golive_extra` | install |")
                .contains(backup.dumpSha256())
                .contains("**completed**")
                .contains("| lead |").contains("| finance |");
        assertThat(variable(id, "whatShipped")).as("in Cockpit as a file variable").isNotNull();
    }

    @Test
    void theGoLiveManifestCarriesTheChecksumsAndSteps() {
        String manifest = EvidenceDocumentsFetch.goLiveManifest(rest, done.getBusinessKey());
        assertThat(manifest).contains("| Dump SHA-256 | `" + backup.dumpSha256() + "` |")
                .contains(nightly.id())
                .contains("`Task_InstallAndUpdateModules`: done")
                .contains("18.0-2");
    }

    private List<Map<String, Object>> evidenceOf(String goLiveId) {
        return evidence.entries(goLiveId);
    }
}
