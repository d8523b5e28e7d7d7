package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.PREVIOUS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.golive.step.EvidenceLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A go-live whose pre-update hook writes into the database and whose post-update hook exits 3: the rollback puts the
 * database back as it was, and the evidence shows both hooks. One behaviour per test.
 */
class GoLiveFailedHookIT extends GoLiveJourney {

    @Autowired
    EvidenceLog evidence;

    private Map<String, String> before;
    private String id;
    private HistoricProcessInstance done;
    private Path markers;

    @BeforeAll
    void goLiveWithAFailingHook() throws Exception {
        stack.reset();
        markers = stack.target().filestore().getParent().getParent().resolve("standin-hooks");
        backUpNow();
        before = stack.tableChecksums();
        id = start("""
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                update: [golive_demo]
                hooks:
                  pre-update:
                    - ["java", "@/opt/standin/hook.args", "--row", "pre", "--file", "pre"]
                  post-update:
                    - ["java", "@/opt/standin/hook.args", "--echo", "recomputing totals", "--exit", "3"]
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
    void theFailureReasonNamesTheHookAndItsExitCode() {
        assertThat(variable(id, "failureReason")).asString().contains("Task_RunPostUpdateHooks").contains("hooks.post-update[0]")
                .contains("exited 3");
    }

    @Test
    void thePreUpdateHookRanOnceBeforeTheModuleRun() throws Exception {
        assertThat(Files.readAllLines(markers.resolve("pre"))).singleElement().asString().startsWith(done.getBusinessKey() + " pre-update[0]");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).activityId("Task_InstallAndUpdateModules").count())
                .isEqualTo(1);
    }

    @Test
    void theDatabaseIsBackToItsPreDeployContent() throws Exception {
        // the pre-update hook created standin_hook_run and wrote a row: the restore point takes it away again
        assertThat(stack.tableChecksums()).isEqualTo(before).doesNotContainKey("standin_hook_run");
    }

    @Test
    void thePreviousImageServesAgain() {
        var serving = containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow();
        assertThat(serving.image()).isEqualTo(PREVIOUS);
        assertThat(serving.running()).isTrue();
    }

    @Test
    void theEvidenceRecordsTheFailingHooksExitCodeAndOutput() {
        assertThat(evidence.entries(done.getBusinessKey())).filteredOn(e -> "Task_RunPostUpdateHooks".equals(e.get("step")))
                .singleElement().satisfies(e -> {
                    assertThat(e).containsEntry("result", "failed").containsEntry("kind", "release-hook");
                    assertThat(e.get("hooks")).asString().contains("exitCode=3").contains("recomputing totals");
                });
    }

    @Test
    void whatShippedHasAReleaseHooksSection() {
        assertThat(EvidenceDocumentsFetch.whatShipped(rest, done.getBusinessKey())).contains("## Release hooks")
                .contains("hooks.pre-update[0]").contains("hooks.post-update[0]").contains("recomputing totals");
    }

    @Test
    void noSecretLandsInHistory() throws Exception {
        assertNoSecretsInHistory();
    }
}
