package org.golive.process;

import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.golive.step.ProcessConstants.GROUP_LEAD;
import static org.golive.step.ProcessConstants.PROCESS_CHECK_READINESS;
import static org.golive.step.ProcessConstants.TASK_ATTEST_READINESS;
import static org.golive.step.ProcessConstants.TASK_REVIEW_INCONCLUSIVE_GATES;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.golive.step.EvidenceLog;
import org.golive.readiness.AttestationItems;
import org.golive.readiness.AttestationItems.Item;
import org.golive.readiness.Gate;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** check-readiness on the real engine; only the gate facade is mocked. Started as go-live would call it. */
class ReadinessProcessTest extends ProcessTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    EvidenceLog evidenceLog;
    @Autowired
    ObjectMapper json;

    private String goLiveId;
    private String instance;

    @AfterEach
    void removeLeftovers() {
        engine.getRuntimeService().createProcessInstanceQuery().list()
                .forEach(p -> engine.getRuntimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    private String start() {
        goLiveId = "sandbox-18.0-2-readiness-" + System.currentTimeMillis() + "-" + SEQUENCE.incrementAndGet();
        Map<String, Object> variables = releaseVariables(goLiveId);
        variables.put(ProcessConstants.VAR_STARTED_BY, "release");
        instance = engine.getRuntimeService().startProcessInstanceByKey(PROCESS_CHECK_READINESS, goLiveId, variables).getId();
        return instance;
    }

    /** Runs the async steps of this instance, not its timers: a test fires an escalation when it means to. */
    private void runSteps() {
        for (int i = 0; i < 200; i++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance).messages()
                    .withRetriesLeft().list();
            if (jobs.isEmpty()) {
                return;
            }
            try {
                engine.getManagementService().executeJob(jobs.get(0).getId());
            } catch (RuntimeException expectedForFailingSteps) {
                // recorded on the job; the next round retries it
            }
        }
        throw new AssertionError("steps still pending after 200 executions");
    }

    private Task openTask(String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
    }

    private ResponseEntity<Map> complete(String taskId, Map<String, Object> variables) throws Exception {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((name, value) -> typed.put(name, Map.of("value", value,
                "type", value instanceof Boolean ? "Boolean" : "String")));
        return post("lead", "/engine-rest/task/" + taskId + "/complete", "application/json",
                json.writeValueAsString(Map.of("variables", typed)));
    }

    private static Map<String, Object> allAttested() {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Item item : AttestationItems.ALL) {
            variables.put(item.attestField(), true);
        }
        return variables;
    }

    private void attestAll() throws Exception {
        Task attestation = openTask(TASK_ATTEST_READINESS);
        assertThat(attestation).as("attestation task").isNotNull();
        ResponseEntity<Map> done = complete(attestation.getId(), allAttested());
        assertThat(done.getStatusCode().is2xxSuccessful()).as("%s", done.getBody()).isTrue();
        runSteps();
    }

    private Object variable(String name) {
        HistoricVariableInstance variable = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    private String endActivity() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getEndActivityId();
    }

    @Test
    void allGatesPassAndEverythingAttestedIsReady() throws Exception {
        start();
        runSteps();
        Task attestation = openTask(TASK_ATTEST_READINESS);
        assertThat(attestation).isNotNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(attestation.getId()))
                .anyMatch(link -> GROUP_LEAD.equals(link.getGroupId()));
        for (Gate gate : Gate.values()) {
            verify(gates).check(gate, new GateRequest(sandbox(), "golive/odoo", "18.0-2", goLiveId, List.of("golive_extra"), List.of("golive_demo")));
        }

        attestAll();

        assertThat(endActivity()).isEqualTo(ProcessConstants.END_READY);
        assertThat(variable(ProcessConstants.VAR_READINESS_OUTCOME)).isEqualTo(ProcessConstants.READINESS_READY);
        assertThat(variable("gate_imageTag")).isEqualTo("pass");
        assertThat(variable("gateSummary_runtime")).isEqualTo("runtime fine");
        assertThat(variable(ProcessConstants.VAR_ATTESTED_BY)).isEqualTo("lead");
        assertThat(variable(ProcessConstants.VAR_WAIVED_ITEMS)).isEqualTo("");
        assertThat(evidenceLog.entries(goLiveId)).anyMatch(e -> "Task_CheckBackupRestore".equals(e.get("step"))
                && "pass".equals(e.get("status")) && "backupRestore".equals(e.get("gate")));
    }

    @Test
    void aFailedGateEndsNotReadyWithTheGateNamed() throws Exception {
        when(gates.check(eq(Gate.backupRestore), any()))
                .thenReturn(GateResult.fail("newest backup b1 of sandbox is 30 h old, more than 24 h", Map.of("backupId", "b1")));
        start();
        runSteps();
        attestAll();

        assertThat(endActivity()).isEqualTo(ProcessConstants.END_NOT_READY);
        assertThat(variable(ProcessConstants.VAR_READINESS_OUTCOME)).isEqualTo(ProcessConstants.READINESS_NOT_READY);
        assertThat((String) variable(ProcessConstants.VAR_READINESS_REASON)).contains("backupRestore").contains("30 h old")
                .doesNotContain("imageTag");
        assertThat(variable("gate_backupRestore")).isEqualTo("fail");
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance)
                .taskDefinitionKey(TASK_REVIEW_INCONCLUSIVE_GATES).count()).isZero();
    }

    @Test
    void anInconclusiveGateGoesToAPersonWhoAccepts() throws Exception {
        when(gates.check(eq(Gate.stagingHistory), any()))
                .thenReturn(GateResult.inconclusive("no staging environment configured", Map.of()));
        start();
        runSteps();
        attestAll();

        Task review = openTask(TASK_REVIEW_INCONCLUSIVE_GATES);
        assertThat(review).as("review task").isNotNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId()))
                .anyMatch(link -> GROUP_LEAD.equals(link.getGroupId()));
        assertThat((String) engine.getRuntimeService().getVariable(instance, ProcessConstants.VAR_INCONCLUSIVE_GATES))
                .isEqualTo("stagingHistory: no staging environment configured");

        ResponseEntity<Map> noReason = complete(review.getId(), Map.of("gateReviewDecision", "accept"));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(noReason.getBody().get("message"))).contains("gateReviewReason");
        assertThat(openTask(TASK_REVIEW_INCONCLUSIVE_GATES)).isNotNull();

        ResponseEntity<Map> accepted = complete(review.getId(),
                Map.of("gateReviewDecision", "accept", "gateReviewReason", "tag ran on staging before golive tracked it"));
        assertThat(accepted.getStatusCode().is2xxSuccessful()).as("%s", accepted.getBody()).isTrue();
        runSteps();

        assertThat(endActivity()).isEqualTo(ProcessConstants.END_READY_AFTER_REVIEW);
        assertThat(variable(ProcessConstants.VAR_READINESS_OUTCOME)).isEqualTo(ProcessConstants.READINESS_READY);
        assertThat(variable(ProcessConstants.VAR_GATE_REVIEWED_BY)).isEqualTo("lead");
        assertThat((String) variable(ProcessConstants.VAR_READINESS_REASON)).contains("accepted by lead")
                .contains("stagingHistory");
    }

    @Test
    void anInconclusiveGateRejectedByAPersonIsNotReady() throws Exception {
        when(gates.check(eq(Gate.odooConfig), any()))
                .thenReturn(GateResult.inconclusive("cannot read /srv/odoo/odoo.conf: permission denied", Map.of()));
        start();
        runSteps();
        attestAll();

        ResponseEntity<Map> rejected = complete(openTask(TASK_REVIEW_INCONCLUSIVE_GATES).getId(),
                Map.of("gateReviewDecision", "reject", "gateReviewReason", "nobody could read the config either"));
        assertThat(rejected.getStatusCode().is2xxSuccessful()).as("%s", rejected.getBody()).isTrue();
        runSteps();

        assertThat(endActivity()).isEqualTo(ProcessConstants.END_REVIEW_REJECTED);
        assertThat(variable(ProcessConstants.VAR_READINESS_OUTCOME)).isEqualTo(ProcessConstants.READINESS_NOT_READY);
        assertThat((String) variable(ProcessConstants.VAR_READINESS_REASON)).contains("rejected by lead")
                .contains("nobody could read the config either").contains("odooConfig");
    }

    @Test
    void aTechnicalFaultOnTheLastRetryIsInconclusiveNotAnIncident() throws Exception {
        when(gates.check(eq(Gate.postgres), any())).thenThrow(new IllegalStateException("PostgreSQL of sandbox unreachable: connection refused"));
        start();
        runSteps();

        verify(gates, times(3)).check(eq(Gate.postgres), any());
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(engine.getRuntimeService().getVariable(instance, "gate_postgres")).isEqualTo("inconclusive");
        // the gates after it still ran
        verify(gates).check(eq(Gate.runtime), any());

        attestAll();
        assertThat(openTask(TASK_REVIEW_INCONCLUSIVE_GATES)).isNotNull();
        assertThat((String) engine.getRuntimeService().getVariable(instance, ProcessConstants.VAR_INCONCLUSIVE_GATES))
                .contains("postgres").contains("connection refused");
    }

    @Test
    void anUncheckedItemWithoutWaiverIsRefusedAndWithWaiverIsRecorded() throws Exception {
        start();
        runSteps();
        Task attestation = openTask(TASK_ATTEST_READINESS);
        Map<String, Object> missingOne = allAttested();
        missingOne.put("attest_firewallRules", false);

        ResponseEntity<Map> refused = complete(attestation.getId(), missingOne);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(refused.getBody().get("message"))).contains("waiver_firewallRules");
        assertThat(openTask(TASK_ATTEST_READINESS)).isNotNull();
        // the refused completion changed nothing: not even the submitted values were kept
        assertThat(engine.getRuntimeService().getVariable(instance, "attest_uatSignedOff")).isNull();
        assertThat(engine.getRuntimeService().getVariable(instance, ProcessConstants.VAR_ATTESTED_BY)).isNull();

        missingOne.put("waiver_firewallRules", "   ");
        assertThat(complete(attestation.getId(), missingOne).getStatusCode().value()).isEqualTo(400);

        missingOne.put("waiver_firewallRules", "n/a later");
        ResponseEntity<Map> tooShort = complete(attestation.getId(), missingOne);
        assertThat(tooShort.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(tooShort.getBody().get("message")))
                .contains("waiver_firewallRules: a waiver needs a reason of at least 3 words, not 'n/a later'");

        missingOne.put("waiver_firewallRules", "Firewall change window is tomorrow morning, ticket NET-42");
        ResponseEntity<Map> completed = complete(attestation.getId(), missingOne);
        assertThat(completed.getStatusCode().is2xxSuccessful()).as("%s", completed.getBody()).isTrue();
        runSteps();

        assertThat(endActivity()).isEqualTo(ProcessConstants.END_READY);
        assertThat(variable(ProcessConstants.VAR_WAIVED_ITEMS)).isEqualTo("firewallRules");
        assertThat((String) variable(ProcessConstants.VAR_WAIVERS)).isEqualTo("firewallRules: Firewall change window is tomorrow morning, ticket NET-42");
        assertThat((String) variable(ProcessConstants.VAR_ATTESTED_ITEMS)).contains("uatSignedOff").doesNotContain("firewallRules");
        assertThat(variable(ProcessConstants.VAR_ATTESTED_BY)).isEqualTo("lead");
        assertThat(evidenceLog.entries(goLiveId)).anyMatch(e -> TASK_ATTEST_READINESS.equals(e.get("step"))
                && "lead".equals(e.get("attestedBy"))
                && String.valueOf(e.get("waived")).contains("Firewall change window"));
    }

    @Test
    void overdueTasksAreEscalatedAndStayOpen() throws Exception {
        when(gates.check(eq(Gate.imageTag), any())).thenReturn(GateResult.inconclusive("Docker host answered slowly", Map.of()));
        start();
        runSteps();

        fireTimer("BoundaryEvent_AttestationOverdue");
        assertThat(new HistoricInstance(instance)).hasPassed("Task_EscalateAttestation", "EndEvent_AttestationEscalated");
        assertThat(openTask(TASK_ATTEST_READINESS)).as("attestation still open").isNotNull();
        assertThat(evidenceLog.entries(goLiveId)).anyMatch(e -> "notify".equals(e.get("step"))
                && "escalation".equals(e.get("event")) && String.valueOf(e.get("message")).contains("attestation is overdue"));

        attestAll();
        fireTimer("BoundaryEvent_ReviewOverdue");
        assertThat(new HistoricInstance(instance)).hasPassed("Task_EscalateGateReview", "EndEvent_GateReviewEscalated");
        assertThat(openTask(TASK_REVIEW_INCONCLUSIVE_GATES)).as("review still open").isNotNull();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count()).isOne();
    }

    private void fireTimer(String boundaryEvent) {
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance).timers()
                .activityId(boundaryEvent).singleResult();
        assertThat(timer).as("timer of %s", boundaryEvent).isNotNull();
        engine.getManagementService().executeJob(timer.getId());
        runSteps();
    }

    @Test
    void aReleaseOfAnotherOdooSeriesEndsNotReadyWithoutAReview() throws Exception {
        when(gates.check(eq(Gate.series), any())).thenReturn(GateResult.fail(
                "this is a migration, not a release: golive/odoo:19.0-1 is Odoo 19.0, the database of sandbox is 18.0", Map.of()));
        when(gates.check(eq(Gate.modulePlan), any())).thenReturn(GateResult.inconclusive("changed but not in update: golive_demo", Map.of()));
        start();
        runSteps();
        attestAll();

        assertThat(endActivity()).isEqualTo(ProcessConstants.END_NOT_READY);
        assertThat((String) variable(ProcessConstants.VAR_READINESS_REASON)).contains("series: this is a migration, not a release");
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance)
                .taskDefinitionKey(TASK_REVIEW_INCONCLUSIVE_GATES).count()).isZero();
    }

    @Test
    void aChangedModuleMissingFromUpdateGoesToTheLeadsReview() throws Exception {
        when(gates.check(eq(Gate.modulePlan), any())).thenReturn(GateResult.inconclusive(
                "changed but not in update: golive_demo (add them to update:, or the lead waives them in the gate review)", Map.of()));
        start();
        runSteps();
        attestAll();

        assertThat(openTask(TASK_REVIEW_INCONCLUSIVE_GATES)).as("review task").isNotNull();
        assertThat((String) engine.getRuntimeService().getVariable(instance, ProcessConstants.VAR_INCONCLUSIVE_GATES))
                .startsWith("modulePlan: changed but not in update: golive_demo");
    }
}
