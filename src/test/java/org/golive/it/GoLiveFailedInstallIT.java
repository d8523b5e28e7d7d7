package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.PREVIOUS;
import static org.golive.it.ItStack.RELEASE;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.golive.step.EvidenceLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A go-live whose one Odoo run fails in a module: the module named, the rollback, one behaviour per test. */
class GoLiveFailedInstallIT extends GoLiveJourney {

    @Autowired
    EvidenceLog evidence;

    private Map<String, String> before;
    private String id;
    private HistoricProcessInstance done;

    @BeforeAll
    void goLiveWithABrokenModule() throws Exception {
        stack.reset();
        backUpNow();
        before = stack.tableChecksums();
        id = start("""
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                install: [golive_extra, golive_broken]
                update: [golive_demo]
                """);
        passReadinessAndSignOffs(id);
        decide(id, "go", "try it");
        done = awaitEnd(id, Duration.ofMinutes(5));
    }

    @Test
    void endsRolledBack() {
        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_GoLiveRolledBack");
    }

    @Test
    void aFailedInstallIsABusinessOutcomeWithoutRetries() {
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).activityId("Task_InstallAndUpdateModules").count())
                .isEqualTo(1);
    }

    @Test
    void theFailureReasonNamesTheStepTheModuleAndTheExitCode() {
        assertThat(variable(id, "failureReason")).asString().contains("Task_InstallAndUpdateModules")
                .contains("installing golive_broken: odoo exited 255");
    }

    @Test
    void oneOdooRunInstalledAndUpdatedAndItsLogNamedTheFailingModule() {
        // golive_extra and golive_demo were in the same run: the exit code alone could not say which module broke
        assertThat(variable(id, "failureReason")).asString()
                .contains("(odoo -d golive_it -i golive_extra,golive_broken -u golive_demo --stop-after-init --no-http)")
                .contains("ERROR golive_it odoo.modules.registry: Failed to load registry: module golive_broken");
    }

    @Test
    void theEvidenceRecordsTheRunsArgvExitCodeAndFailingModule() {
        assertThat(evidence.entries(done.getBusinessKey())).filteredOn(e -> "Task_InstallAndUpdateModules".equals(e.get("step")))
                .singleElement().satisfies(e -> {
                    assertThat(e).containsEntry("result", "failed").containsEntry("failingModule", "golive_broken");
                    // the failed run took its time too: the window's downtime counts it
                    assertThat(((Number) e.get("millis")).doubleValue()).isPositive();
                    assertThat(String.valueOf(e.get("decisiveLogLine"))).contains("module golive_broken");
                    assertThat(e.get("runs")).asList().singleElement().asString().contains("exitCode=255")
                            .contains("golive_extra,golive_broken");
                });
    }

    @Test
    void whatShippedShowsTheDecisiveLineOfOdoosLog() {
        assertThat(EvidenceDocumentsFetch.whatShipped(rest, done.getBusinessKey()))
                .contains("installing golive\\_broken: odoo exited 255")
                .contains("ERROR odoo.modules.registry: Failed to load registry: module golive\\_broken");
    }

    @Test
    void theDatabaseIsBackToItsPreDeployContent() throws Exception {
        // the run committed the modules it finished before golive_broken failed: the restore must take them away again
        assertThat(stack.tableChecksums()).isEqualTo(before);
        assertThat(stack.moduleState("golive_extra")).isEqualTo("unknown");
    }

    @Test
    void thePreviousImageServesAgain() {
        var serving = containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow();
        assertThat(serving.image()).isEqualTo(PREVIOUS);
        assertThat(serving.running()).isTrue();
        assertThat(probe.get(stack.target().odooUrl(), "/web/login?db=golive_it").status()).isEqualTo(200);
    }

    @Test
    void theFailedContainerIsKeptAsideForAnalysis() {
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo-failed-" + done.getBusinessKey())).get()
                .satisfies(c -> assertThat(c.image()).isEqualTo(RELEASE));
    }

    @Test
    void noSecretLandsInHistory() throws Exception {
        assertNoSecretsInHistory();
    }
}
