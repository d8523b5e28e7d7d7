package org.golive.process;

import org.golive.config.Target;
import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.golive.step.EvidenceLog;
import org.golive.it.EvidenceDocumentsFetch;
import org.golive.step.StepFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * The evidence documents delegate and their REST path. Until {@code Task_WriteEvidenceDocuments} sits in
 * go-live.bpmn, a real go-live runs (with the mocked infrastructure of {@link ProcessTestSupport}) and a
 * one-task test process then runs the delegate with the go-live's variables, exactly as the task would.
 */
class EvidenceDocumentsProcessTest extends ProcessTestSupport {

    static final String TEST_PROCESS = "evidence-documents-test";
    static final List<String> GO_LIVE_VARIABLES = List.of(ProcessConstants.VAR_GO_LIVE_ID, ProcessConstants.VAR_ENVIRONMENT,
            ProcessConstants.VAR_IMAGE_REPOSITORY, ProcessConstants.VAR_RELEASE_TAG, ProcessConstants.VAR_INSTALL_MODULES,
            ProcessConstants.VAR_UPDATE_MODULES, ProcessConstants.VAR_NOTES, ProcessConstants.VAR_STARTED_BY,
            ProcessConstants.VAR_DECISION, ProcessConstants.VAR_DECISION_REASON, ProcessConstants.VAR_FAILURE_REASON);

    @Autowired
    EvidenceLog evidence;

    @BeforeEach
    void deployTheOneTaskProcess() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(TEST_PROCESS).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_GoLiveEnding")
                .serviceTask(ProcessConstants.TASK_WRITE_EVIDENCE_DOCUMENTS).name("Write evidence documents").camundaAsyncBefore()
                .camundaDelegateExpression("${writeEvidenceDocumentsDelegate}")
                .endEvent("EndEvent_GoLiveEnded")
                .done();
        engine.getRepositoryService().createDeployment().name(TEST_PROCESS).addModelInstance(TEST_PROCESS + ".bpmn", model).deploy();
    }

    /** The engine's database outlives this class: the one-task process must not show up as a deployed model. */
    @AfterEach
    void removeLeftoversAndTheOneTaskProcess() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
        engine.getRepositoryService().createDeploymentQuery().deploymentName(TEST_PROCESS).list()
                .forEach(d -> engine.getRepositoryService().deleteDeployment(d.getId(), true));
    }

    @Test
    void completedGoLiveDocumentsAreFileVariablesAndServedOverRest() throws IOException {
        String id = goLive("go", "all gates green");
        assertThat(endActivity(id)).isEqualTo("EndEvent_GoLiveCompleted");
        String goLiveId = (String) historicVariable(id, ProcessConstants.VAR_GO_LIVE_ID);

        String writer = writeDocuments(id);

        FileValue whatShipped = fileVariable(writer, ProcessConstants.VAR_WHAT_SHIPPED);
        assertThat(whatShipped.getFilename()).isEqualTo("WHAT_SHIPPED.md");
        assertThat(whatShipped.getMimeType()).isEqualTo("text/markdown");
        assertThat(whatShipped.getEncoding()).isEqualTo("UTF-8");
        String shipped = content(whatShipped);
        assertThat(shipped).contains("| Release | `golive/odoo:18.0-2` |")
                .contains("| Image digest | `sha256:abc` |")
                .contains("**completed**")
                .contains("| `golive_demo` | update | `18.0.1.0.0` | `18.0.1.1.0` |")
                .contains("SHA-256 `d1g3st`")
                .contains("| `UserTask_DecideGoNoGo` | lead | — | go | all gates green |")
                .contains("| Started by | release |")
                .doesNotContain("## Rollback");
        FileValue manifestVariable = fileVariable(writer, ProcessConstants.VAR_GO_LIVE_MANIFEST);
        assertThat(manifestVariable.getFilename()).isEqualTo("GO_LIVE_MANIFEST.md");
        assertThat(historicVariable(writer, ProcessConstants.VAR_EVIDENCE_DOCUMENTS_URL)).asString()
                .endsWith("/api/go-lives/" + goLiveId + "/documents/");

        assertThat(EvidenceDocumentsFetch.whatShipped(rest, goLiveId)).isEqualTo(shipped);
        String manifest = EvidenceDocumentsFetch.goLiveManifest(rest, goLiveId);
        assertThat(manifest).isEqualTo(content(manifestVariable))
                .contains("| Dump SHA-256 | `d1g3st` |")
                .contains("| pg_restore --list | read 42 entries, exit code 0")
                .contains("`Task_DeployOdooContainer`: done")
                .contains("- imageDigest: `sha256:abc`")
                .contains("| HEALTH | `Task_CheckHealth` | passed |")
                .contains("No rollback.");
        assertThat(manifest.indexOf("`Task_BackUpDatabase`: done")).isLessThan(manifest.indexOf("`Task_StartOdoo`: done"));

        assertThat(evidence.entries(goLiveId)).last()
                .satisfies(e -> assertThat(e).containsEntry("step", ProcessConstants.TASK_WRITE_EVIDENCE_DOCUMENTS)
                        .containsEntry("outcome", "completed").containsEntry("result", "done").containsKey("whatShippedSha256"));
        assertThat(EvidenceDocumentsFetch.get(rest, "lead", "/api/go-lives/" + goLiveId + "/documents").getBody())
                .contains("WHAT_SHIPPED.md").contains("GO_LIVE_MANIFEST.md");
    }

    @Test
    void rolledBackGoLiveSaysWhyAndWhatWasRestored() throws IOException {
        when(modules.release(any(Target.class), anyString(), anyList(), anyList(), anyString()))
                .thenThrow(new StepFailedException("installing golive_broken: odoo exited 255"));
        String id = goLive("go", "ok");
        assertThat(endActivity(id)).isEqualTo("EndEvent_GoLiveRolledBack");

        String shipped = content(fileVariable(writeDocuments(id), ProcessConstants.VAR_WHAT_SHIPPED));

        assertThat(shipped).contains("**rolled back**").contains("## Rollback").contains("exited 255")
                .contains("database `golive_sandbox` from backup `")
                .contains("so none of these changes is live");
        String goLiveId = (String) historicVariable(id, ProcessConstants.VAR_GO_LIVE_ID);
        assertThat(EvidenceDocumentsFetch.goLiveManifest(rest, goLiveId)).contains("`Task_InstallAndUpdateModules`: **failed**")
                .contains("| `Task_RestoreDatabase` | done |").doesNotContain("No rollback.");
    }

    @Test
    void cancelledGoLiveRecordsTheNoGo() throws IOException {
        String id = goLive("no-go", "UAT not signed off");
        assertThat(endActivity(id)).isEqualTo("EndEvent_GoLiveStopped");

        String shipped = content(fileVariable(writeDocuments(id), ProcessConstants.VAR_WHAT_SHIPPED));

        assertThat(shipped).contains("**cancelled**: UAT not signed off")
                .contains("| lead | — | no-go | UAT not signed off |")
                .contains("| Restore point | no backup taken |")
                .contains("Nothing was deployed")
                .doesNotContain("## Rollback");
    }

    @Test
    void targetThatIsNotReadyEndsNotReady() throws IOException {
        when(targetChecks.check(any(Target.class), anyString())).thenThrow(new StepFailedException("image golive/odoo:18.0-2 is not present"));
        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        assertThat(endActivity(id)).isEqualTo("EndEvent_GoLiveStopped");

        String shipped = content(fileVariable(writeDocuments(id), ProcessConstants.VAR_WHAT_SHIPPED));

        assertThat(shipped).contains("**not ready**").contains("is not present").doesNotContain("## Rollback");
    }

    @Test
    void unknownGoLivesUnwrittenDocumentsAndOtherNamesAreNotFound() {
        String id = startGoLive(MANIFEST);
        String goLiveId = (String) runtimeService().getVariable(id, ProcessConstants.VAR_GO_LIVE_ID);

        ResponseEntity<String> unknown = EvidenceDocumentsFetch.get(rest, "lead", "/api/go-lives/no-such-go-live/documents/WHAT_SHIPPED.md");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("no go-live 'no-such-go-live'");

        ResponseEntity<String> notYet = EvidenceDocumentsFetch.get(rest, "lead", "/api/go-lives/" + goLiveId + "/documents/WHAT_SHIPPED.md");
        assertThat(notYet.getStatusCode().value()).isEqualTo(404);
        assertThat(notYet.getBody()).contains("not written yet");

        ResponseEntity<String> otherName = EvidenceDocumentsFetch.get(rest, "lead", "/api/go-lives/" + goLiveId + "/documents/backup.json");
        assertThat(otherName.getStatusCode().value()).isEqualTo(404);
        assertThat(otherName.getBody()).contains("WHAT_SHIPPED.md and GO_LIVE_MANIFEST.md");

        ResponseEntity<String> traversal = EvidenceDocumentsFetch.get(rest, "lead",
                "/api/go-lives/" + goLiveId + "/documents/..%2F" + goLiveId + ".jsonl");
        assertThat(traversal.getStatusCode().is4xxClientError()).as("%s", traversal.getStatusCode()).isTrue();
        assertThat(String.valueOf(traversal.getBody())).doesNotContain("\"step\"");

        ResponseEntity<String> anonymous = EvidenceDocumentsFetch.get(rest, null, "/api/go-lives/" + goLiveId + "/documents/WHAT_SHIPPED.md");
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs a go-live through go/no-go to its end. */
    private String goLive(String decision, String reason) {
        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        ProcessInstance pi = runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
        ResponseEntity<Map> completed = completeGoNoGo("lead", task(pi).getId(),
                Map.of(ProcessConstants.VAR_DECISION, decision, ProcessConstants.VAR_DECISION_REASON, reason));
        assertThat(completed.getStatusCode().is2xxSuccessful()).as("%s", completed.getBody()).isTrue();
        runJobs();
        return id;
    }

    /** What Task_WriteEvidenceDocuments will do at the end of go-live.bpmn: same variables, same business key. */
    private String writeDocuments(String goLiveInstanceId) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String name : GO_LIVE_VARIABLES) {
            Object value = historicVariable(goLiveInstanceId, name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        String writer = runtimeService().startProcessInstanceByKey(TEST_PROCESS,
                (String) variables.get(ProcessConstants.VAR_GO_LIVE_ID), variables).getId();
        runJobs();
        assertThat(endActivity(writer)).as("documents written").isEqualTo("EndEvent_GoLiveEnded");
        return writer;
    }

    private String endActivity(String processInstanceId) {
        var instance = historyService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getEndActivityId();
    }

    private Object historicVariable(String processInstanceId, String name) {
        List<HistoricVariableInstance> variables = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).list();
        return variables.isEmpty() ? null : variables.get(0).getValue();
    }

    private FileValue fileVariable(String processInstanceId, String name) {
        HistoricVariableInstance variable = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        assertThat(variable).as("file variable %s", name).isNotNull();
        assertThat(variable.getTypedValue()).isInstanceOf(FileValue.class);
        return (FileValue) variable.getTypedValue();
    }

    private static String content(FileValue file) throws IOException {
        try (InputStream in = file.getValue()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
