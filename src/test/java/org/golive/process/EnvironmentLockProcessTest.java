package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.golive.config.Target;
import org.golive.step.ProcessConstants;
import org.golive.step.StepFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** One change per environment: the lock a go-live or rollback holds from its start to its end, whatever end. */
class EnvironmentLockProcessTest extends ProcessTestSupport {

    private static final String LOCK = "/api/environments/sandbox/lock";

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    @Test
    void aSecondStartOnAHeldEnvironmentIsRefusedNamingTheHolderAndStartsNothing() {
        String first = startGoLive(MANIFEST);
        String holder = businessKey(first);
        long instances = runtimeService().createProcessInstanceQuery().count();
        long started = historyService().createHistoricProcessInstanceQuery().count();

        ResponseEntity<Map> api = post("release", "/api/go-lives", "application/yaml", MANIFEST);
        ResponseEntity<Map> engineRest = post("release", "/engine-rest/process-definition/key/go-live/start", "application/json",
                "{\"variables\":{\"manifestYaml\":{\"value\":" + json(MANIFEST) + ",\"type\":\"String\"}}}");
        // what Tasklist's start form sends
        ResponseEntity<Map> startForm = post("release", "/engine-rest/process-definition/key/go-live/submit-form", "application/json",
                "{\"variables\":{\"manifestYaml\":{\"value\":" + json(MANIFEST) + ",\"type\":\"String\"}}}");
        ResponseEntity<Map> rollback = post("release", "/api/rollbacks", "application/json",
                "{\"environment\":\"sandbox\",\"backupId\":\"sandbox-backup-1\"}");
        // a rollback started on its own that claims to belong to the holder is not let in under its lock
        ResponseEntity<Map> claimingRollback = post("release", "/engine-rest/process-definition/key/rollback/start", "application/json",
                "{\"variables\":{\"environment\":{\"value\":\"sandbox\"},\"backupId\":{\"value\":\"sandbox-backup-1\"},"
                        + "\"goLiveId\":{\"value\":\"" + holder + "\"}}}");

        String heldBy = "environment sandbox is held by go-live " + holder + " since ";
        assertThat(api.getStatusCode().value()).as("%s", api.getBody()).isEqualTo(409);
        assertThat((String) api.getBody().get("error")).startsWith(heldBy);
        assertThat(api.getBody().get("holder")).isEqualTo(holder);
        assertThat(engineRest.getStatusCode().value()).as("%s", engineRest.getBody()).isEqualTo(409);
        assertThat((String) engineRest.getBody().get("message")).startsWith(heldBy);
        assertThat(startForm.getStatusCode().value()).as("%s", startForm.getBody()).isEqualTo(409);
        assertThat((String) startForm.getBody().get("message")).startsWith(heldBy);
        assertThat(rollback.getStatusCode().value()).as("%s", rollback.getBody()).isEqualTo(409);
        assertThat((String) rollback.getBody().get("error")).startsWith(heldBy);
        // a rollback on its own may not claim a go-live's id at all (golive assigns a rollback's id): refused before the lock
        assertThat(claimingRollback.getStatusCode().value()).as("%s", claimingRollback.getBody()).isEqualTo(400);
        assertThat(String.valueOf(claimingRollback.getBody().get("message"))).contains("goLiveId");
        assertThat(runtimeService().createProcessInstanceQuery().count()).isEqualTo(instances);
        assertThat(historyService().createHistoricProcessInstanceQuery().count()).isEqualTo(started);

        Map<String, Object> lock = lock();
        assertThat(lock).containsEntry("held", true).containsEntry("holder", holder).containsEntry("holderProcess", "go-live")
                .containsEntry("processInstanceId", first);
        assertThat((String) api.getBody().get("error")).contains((String) lock.get("acquiredAt"));
    }

    @Test
    void aCompletedGoLiveReleasesItsEnvironmentAndItsFollowUpSupersedesThePreviousOne() {
        String first = goLive("go");
        assertThat(endOf(first)).isEqualTo(ProcessConstants.END_GO_LIVE_COMPLETED);
        assertThat(lock()).containsEntry("held", false);
        String firstFollowUp = followUp(first);
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(firstFollowUp).count()).as("follow-up runs").isOne();

        String second = goLive("go");

        assertThat(endOf(second)).isEqualTo(ProcessConstants.END_GO_LIVE_COMPLETED);
        assertThat(lock()).containsEntry("held", false);
        assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(firstFollowUp).finished().count()).isOne();
        assertThat(new HistoricInstance(firstFollowUp)).hasPassed(ProcessConstants.END_FOLLOW_UP_SUPERSEDED);
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(firstFollowUp)
                .variableName(ProcessConstants.VAR_SUPERSEDED_BY).singleResult().getValue()).isEqualTo(businessKey(second));
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(followUp(second)).count()).isOne();
        assertThat(evidence(businessKey(first))).anySatisfy(entry -> assertThat(entry)
                .containsEntry("step", "post-go-live-superseded").containsEntry("supersededBy", businessKey(second)));
    }

    @Test
    void aGoLiveStoppedAtNoGoReleasesItsEnvironment() {
        String id = goLive("no-go");

        assertThat(endOf(id)).isEqualTo("EndEvent_GoLiveStopped");
        assertThat(lock()).containsEntry("held", false);
        assertThat(evidence(businessKey(id))).anySatisfy(entry -> assertThat(entry)
                .containsEntry("step", "environment-lock-released").containsEntry("environment", "sandbox"));
    }

    @Test
    void theRollbackOfAGoLiveRunsUnderItsLockAndTheRolledBackGoLiveReleasesIt() {
        when(modules.release(any(Target.class), anyString(), anyList(), anyList(), anyString()))
                .thenThrow(new StepFailedException("installing golive_broken: odoo exited 255"));

        String id = goLive("go");

        assertThat(endOf(id)).isEqualTo("EndEvent_GoLiveRolledBack");
        HistoricProcessInstance rollback = historyService().createHistoricProcessInstanceQuery().superProcessInstanceId(id)
                .processDefinitionKey(ProcessConstants.PROCESS_ROLLBACK).singleResult();
        assertThat(rollback.getEndActivityId()).as("not refused by its own go-live's lock").isEqualTo("EndEvent_RolledBack");
        assertThat(lock()).containsEntry("held", false);
        assertThat(evidence(businessKey(id))).filteredOn(entry -> "environment-lock-acquired".equals(entry.get("step"))).hasSize(1);
    }

    @Test
    void aDeletedGoLiveReleasesItsEnvironment() {
        String id = startGoLive(MANIFEST);
        assertThat(lock()).containsEntry("held", true);

        runtimeService().deleteProcessInstance(id, "cancelled by the release manager");

        assertThat(lock()).containsEntry("held", false);
        startGoLive(MANIFEST);
    }

    @Test
    void aRollbackStartedOnItsOwnHoldsTheEnvironmentUntilItEnds() {
        ResponseEntity<Map> started = post("release", "/api/rollbacks", "application/json",
                "{\"environment\":\"sandbox\",\"backupId\":\"sandbox-backup-1\"}");
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(201);
        String rollbackId = (String) started.getBody().get("id");

        ResponseEntity<Map> goLive = post("release", "/api/go-lives", "application/yaml", MANIFEST);
        assertThat(goLive.getStatusCode().value()).isEqualTo(409);
        assertThat((String) goLive.getBody().get("error")).startsWith("environment sandbox is held by rollback " + rollbackId + " since ");
        runJobs();
        // held while it waits for a lead's approval, too
        assertThat(lock()).containsEntry("held", true).containsEntry("holder", rollbackId);
        ResponseEntity<Map> approved = completeTask("lead", openTask((String) started.getBody().get("processInstanceId"),
                ProcessConstants.TASK_APPROVE_ROLLBACK).getId(), Map.of("rollbackApproval", "approve", "rollbackApprovalReason", "test"));
        assertThat(approved.getStatusCode().value()).as("%s", approved.getBody()).isEqualTo(204);
        runJobs();

        assertThat(endOf((String) started.getBody().get("processInstanceId"))).isEqualTo("EndEvent_RolledBack");
        assertThat(lock()).containsEntry("held", false);
    }

    @Test
    void anAdminReleasesAStaleLockWithAReasonAndOthersMayNot() {
        String first = startGoLive(MANIFEST);
        String holder = businessKey(first);

        ResponseEntity<Map> notAdmin = delete("lead", "demo", "{\"reason\":\"in my way\"}");
        ResponseEntity<Map> noReason = delete("admin", "admin", "{\"reason\":\" \"}");
        assertThat(notAdmin.getStatusCode().value()).isEqualTo(403);
        assertThat((String) notAdmin.getBody().get("error")).contains("camunda-admin");
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat((String) noReason.getBody().get("error")).contains("reason");
        assertThat(lock()).containsEntry("held", true).containsEntry("holder", holder);

        ResponseEntity<Map> released = delete("admin", "admin", "{\"reason\":\"go-live abandoned, its team left\"}");

        assertThat(released.getStatusCode().value()).as("%s", released.getBody()).isEqualTo(200);
        assertThat(released.getBody()).containsEntry("holder", holder).containsEntry("releasedBy", "admin");
        assertThat(lock()).containsEntry("held", false);
        assertThat(evidence(holder)).anySatisfy(entry -> assertThat(entry).containsEntry("step", "environment-lock-released")
                .containsEntry("releasedBy", "admin").containsEntry("reason", "go-live abandoned, its team left"));
        assertThat(delete("admin", "admin", "{\"reason\":\"again\"}").getStatusCode().value()).isEqualTo(404);

        // the next go-live takes the environment; the released one ending later does not free it
        String second = startGoLive(MANIFEST);
        runtimeService().deleteProcessInstance(first, "abandoned");
        assertThat(lock()).containsEntry("held", true).containsEntry("holder", businessKey(second));
    }

    @Test
    void aLockWhoseInstanceWasDeletedWithoutListenersIsTakenOverAndRecorded() {
        String first = startGoLive(MANIFEST);
        runtimeService().deleteProcessInstance(first, "removed in Cockpit", true);
        assertThat(lock()).containsEntry("held", true);

        String second = startGoLive(MANIFEST);

        assertThat(lock()).containsEntry("holder", businessKey(second));
        assertThat(evidence(businessKey(first))).anySatisfy(entry -> assertThat(entry).containsEntry("step", "environment-lock-released")
                .containsEntry("releasedBy", "golive"));
    }

    @Test
    void aStartThatFailsAfterTakingTheLockLeavesNoLock() {
        // the lock is taken, then the start fails (this id cannot name an evidence file): the engine's transaction
        // takes the lock back with the instance
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(
                ProcessConstants.PROCESS_GO_LIVE, "not a go-live id", Map.of(ProcessConstants.VAR_MANIFEST, MANIFEST)));

        assertThat(lock()).containsEntry("held", false);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM golive_environment_lock", Integer.class)).isZero();
    }

    /** A go-live through readiness and sign-offs to the lead's decision, run to its end. */
    private String goLive(String decision) {
        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        ResponseEntity<Map> decided = completeGoNoGo("lead", openTask(id, ProcessConstants.TASK_GO_NO_GO).getId(),
                Map.of("goNoGoDecision", decision, "goNoGoReason", "decided by the test"));
        assertThat(decided.getStatusCode().is2xxSuccessful()).as("%s", decided.getBody()).isTrue();
        runJobs();
        return id;
    }

    private String endOf(String processInstanceId) {
        return historyService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().singleResult()
                .getEndActivityId();
    }

    private String followUp(String goLive) {
        return historyService().createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_POST_GO_LIVE)
                .processInstanceBusinessKey(businessKey(goLive)).singleResult().getId();
    }

    private Map<String, Object> lock() {
        ResponseEntity<Map> response = exchange("release", "demo", HttpMethod.GET, null);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    private ResponseEntity<Map> delete(String user, String password, String body) {
        return exchange(user, password, HttpMethod.DELETE, body);
    }

    private ResponseEntity<Map> exchange(String user, String password, HttpMethod method, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange(LOCK, method, new HttpEntity<>(body, headers), Map.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> evidence(String goLiveId) {
        return rest.withBasicAuth("release", "demo").getForObject("/api/go-lives/" + goLiveId + "/evidence", List.class);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
