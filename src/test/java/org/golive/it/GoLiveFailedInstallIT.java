package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.PREVIOUS;
import static org.golive.it.ItStack.RELEASE;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A go-live whose second module fails to install: the rollback, one behaviour per test. */
class GoLiveFailedInstallIT extends GoLiveJourney {

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
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).activityId("Task_InstallModules").count())
                .isEqualTo(1);
    }

    @Test
    void theFailureReasonNamesTheStepTheModuleAndTheExitCode() {
        assertThat(variable(id, "failureReason")).asString().contains("Task_InstallModules").contains("golive_broken").contains("255");
    }

    @Test
    void theDatabaseIsBackToItsPreDeployContent() throws Exception {
        // golive_extra got installed before golive_broken failed: the restore must take it away again
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
