package org.golive.process;

import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.util.Map;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * What go-live builds on: the gateway conditions of {@code rollbackDecisions} and the "Consider rollback" task
 * with {@code considerRollbackListener}, wired into a throwaway process the way go-live wires them (the real
 * task lives in go-live.bpmn). The deployment is removed afterwards, so only the models of processes/ stay.
 */
class ConsiderRollbackTest extends ProcessTestSupport {

    private static final String PROCESS = "consider-rollback-harness";

    private String deploymentId;

    @BeforeEach
    void deployHarness() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Decided")
                .exclusiveGateway("Gateway_RollbackDecision")
                .condition("immediate", "${rollbackDecisions.isImmediate(execution)}").endEvent("EndEvent_Immediate")
                .moveToLastGateway()
                .condition("continue", "${rollbackDecisions.isContinue(execution)}").endEvent("EndEvent_Continue")
                .moveToLastGateway()
                .condition("consider", "${rollbackDecisions.isConsider(execution)}")
                .userTask(ProcessConstants.TASK_CONSIDER_ROLLBACK).camundaCandidateGroups(ProcessConstants.GROUP_LEAD)
                .camundaFormRef(ProcessConstants.FORM_CONSIDER_ROLLBACK).camundaFormRefBinding("latest")
                .camundaTaskListenerDelegateExpression("complete", "${considerRollbackListener}")
                .endEvent("EndEvent_Considered")
                .done();
        deploymentId = engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn", model).deploy().getId();
    }

    @AfterEach
    void removeHarness() {
        if (deploymentId != null) {
            engine.getRepositoryService().deleteDeployment(deploymentId, true);
        }
    }

    private String start(String decision) {
        return runtimeService().startProcessInstanceByKey(PROCESS, Map.of(
                ProcessConstants.VAR_GO_LIVE_ID, "gl-consider", ProcessConstants.VAR_ROLLBACK_DECISION, decision,
                ProcessConstants.VAR_ROLLBACK_CRITERION, "Core workflows blocked",
                ProcessConstants.VAR_ROLLBACK_REASON, "Core workflows blocked (login failed).")).getId();
    }

    private static Object variable(String processInstanceId, String name) {
        HistoricVariableInstance variable = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    private static String endOf(String processInstanceId) {
        return historyService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                .getEndActivityId();
    }

    @Test
    void theGatewayConditionsFollowTheDecision() {
        assertThat(endOf(start(ProcessConstants.ROLLBACK_IMMEDIATE))).isEqualTo("EndEvent_Immediate");
        assertThat(endOf(start(ProcessConstants.ROLLBACK_CONTINUE))).isEqualTo("EndEvent_Continue");
        String considered = start(ProcessConstants.ROLLBACK_CONSIDER);
        assertThat(taskQuery().processInstanceId(considered).singleResult().getTaskDefinitionKey())
                .isEqualTo(ProcessConstants.TASK_CONSIDER_ROLLBACK);
    }

    @Test
    void aMissingDecisionIsAnErrorNotAContinue() {
        assertThatThrownBy(() -> start("maybe")).hasMessageContaining("rollbackDecision").hasMessageContaining("'maybe'");
    }

    @Test
    void choosingRollbackRecordsWhoAndWhyAsTheFailureReason() {
        String id = start(ProcessConstants.ROLLBACK_CONSIDER);
        Task task = taskQuery().processInstanceId(id).singleResult();

        ResponseEntity<Map> completed = completeGoNoGo("lead", task.getId(),
                Map.of("rollbackChoice", "rollback", "rollbackChoiceReason", "nobody can log in"));

        assertThat(completed.getStatusCode().is2xxSuccessful()).as("%s", completed.getBody()).isTrue();
        assertThat(variable(id, ProcessConstants.VAR_ROLLBACK_CHOICE_BY)).isEqualTo("lead");
        assertThat((String) variable(id, ProcessConstants.VAR_FAILURE_REASON))
                .isEqualTo("Rollback chosen by lead on 'Core workflows blocked': nobody can log in");
    }

    @Test
    void choosingToContinueLeavesNoFailureReason() {
        String id = start(ProcessConstants.ROLLBACK_CONSIDER);

        ResponseEntity<Map> completed = completeGoNoGo("lead", taskQuery().processInstanceId(id).singleResult().getId(),
                Map.of("rollbackChoice", "continue", "rollbackChoiceReason", "only the demo user is affected"));

        assertThat(completed.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(variable(id, ProcessConstants.VAR_ROLLBACK_CHOICE_BY)).isEqualTo("lead");
        assertThat(variable(id, ProcessConstants.VAR_FAILURE_REASON)).isNull();
    }

    @Test
    void aChoiceAndAReasonAreRequiredAndTheTaskStaysOpen() {
        String id = start(ProcessConstants.ROLLBACK_CONSIDER);
        String taskId = taskQuery().processInstanceId(id).singleResult().getId();

        ResponseEntity<Map> noChoice = completeGoNoGo("lead", taskId, Map.of("rollbackChoiceReason", "forgot to choose"));
        assertThat(noChoice.getStatusCode().is4xxClientError()).as("%s", noChoice.getStatusCode()).isTrue();
        assertThat(String.valueOf(noChoice.getBody().get("message"))).contains("rollbackChoice");

        ResponseEntity<Map> badChoice = completeGoNoGo("lead", taskId, Map.of("rollbackChoice", "maybe", "rollbackChoiceReason", "x y z"));
        assertThat(badChoice.getStatusCode().is4xxClientError()).isTrue();

        ResponseEntity<Map> noReason = completeGoNoGo("lead", taskId, Map.of("rollbackChoice", "rollback", "rollbackChoiceReason", " "));
        assertThat(noReason.getStatusCode().is4xxClientError()).isTrue();
        assertThat(String.valueOf(noReason.getBody().get("message"))).contains("rollbackChoiceReason");

        assertThat(taskQuery().taskId(taskId).singleResult()).isNotNull();
    }
}
