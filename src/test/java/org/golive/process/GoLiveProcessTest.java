package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.golive.support.StepFailedException;
import org.golive.validation.ReleaseValidationService.Check;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.http.ResponseEntity;

class GoLiveProcessTest extends ProcessTestSupport {

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstance(p.getId(), "test cleanup"));
    }

    private String waitForGoNoGo(String id) {
        runJobs();
        ProcessInstance pi = runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(pi).isWaitingAt(ProcessConstants.TASK_GO_NO_GO);
        assertThat(task(pi)).hasCandidateGroup(ProcessConstants.GROUP_LEAD);
        return task(pi).getId();
    }

    private Object historicVariable(String processInstanceId, String name) {
        HistoricVariableInstance variable = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    @Test
    void goDeploysValidatesAndEndsAfterHypercare() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);

        ResponseEntity<Map> completed = completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "all gates green"));
        assertThat(completed.getStatusCode().is2xxSuccessful()).as("%s", completed.getBody()).isTrue();
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassedInOrder("Task_AnnounceDeploymentStart", "Task_CheckTargetReachable",
                "UserTask_DecideGoNoGo", "Task_EnableMaintenance", "Task_KeepPreviousOdoo", "Task_BackUpDatabase",
                "Task_DeployOdooContainer", "Task_InstallModules", "Task_UpdateModules", "Task_StartOdoo",
                "CallActivity_ValidateRelease", "Task_AnnounceGoLive", "CallActivity_RevalidateRelease", "EndEvent_GoLiveCompleted");
        assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getEndActivityId())
                .isEqualTo("EndEvent_GoLiveCompleted");
        assertThat(historicVariable(id, ProcessConstants.VAR_DECIDED_BY)).isEqualTo("lead");
        assertThat(historicVariable(id, ProcessConstants.VAR_BACKUP_ID)).isEqualTo(historicVariable(id, ProcessConstants.VAR_GO_LIVE_ID));
        assertThat(historicVariable(id, ProcessConstants.VAR_STARTED_BY)).isEqualTo("release");

        InOrder order = inOrder(runtime, backups, modules, validation);
        order.verify(runtime).enableMaintenance("sandbox");
        order.verify(runtime).keepPrevious(eq("sandbox"), anyString());
        order.verify(backups).backUp(eq("sandbox"), anyString(), eq("golive/odoo:18.0-1"));
        order.verify(runtime).deployRelease("sandbox", "golive/odoo:18.0-2", (String) historicVariable(id, "goLiveId"));
        order.verify(modules).install(eq("sandbox"), eq("golive/odoo:18.0-2"), eq(List.of("golive_extra")), anyString());
        order.verify(modules).update(eq("sandbox"), eq("golive/odoo:18.0-2"), eq(List.of("golive_demo")), anyString());
        order.verify(runtime).startOdoo("sandbox");
        for (Check check : Check.values()) {
            order.verify(validation).run(check, "sandbox", List.of("golive_extra", "golive_demo"));
        }
        // hypercare ran the same checks once more
        verify(validation, times(2)).run(eq(Check.LATENCY), anyString(), anyList());
        verify(backups, never()).restoreDatabase(anyString(), anyString());
    }

    @Test
    void noGoEndsWithTheRecordedReasonAndTouchesNothing() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);

        completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "no-go", "goNoGoReason", "UAT not signed off"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("EndEvent_GoLiveCancelled").hasNotPassed("Task_EnableMaintenance");
        assertThat(historicVariable(id, ProcessConstants.VAR_DECISION_REASON)).isEqualTo("UAT not signed off");
        verify(runtime, never()).enableMaintenance(anyString());
        verify(backups, never()).backUp(anyString(), anyString(), any());
    }

    @Test
    void goNoGoWithoutDecisionIsRefusedAndTheTaskStaysOpen() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);

        ResponseEntity<Map> refused = completeGoNoGo("lead", taskId, Map.of("goNoGoReason", "forgot to decide"));
        assertThat(refused.getStatusCode().is4xxClientError()).as("%s", refused.getStatusCode()).isTrue();
        assertThat(String.valueOf(refused.getBody().get("message"))).contains("goNoGoDecision");

        ResponseEntity<Map> noReason = completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go"));
        assertThat(noReason.getStatusCode().is4xxClientError()).isTrue();
        assertThat(String.valueOf(noReason.getBody().get("message"))).contains("goNoGoReason");

        assertThat(taskQuery().taskId(taskId).singleResult()).isNotNull();
        assertThat(historicVariable(id, ProcessConstants.VAR_DECISION)).isNull();
        verify(runtime, never()).enableMaintenance(anyString());
    }

    @Test
    void moduleInstallFailureRollsBackToTheBackup() {
        when(modules.install(anyString(), anyString(), anyList(), anyString()))
                .thenThrow(new StepFailedException("installing golive_broken: odoo exited 255"));
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("BoundaryEvent_DeploymentFailed", "CallActivity_Rollback", "EndEvent_GoLiveRolledBack")
                .hasNotPassed("Task_UpdateModules", "CallActivity_ValidateRelease");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("Task_InstallModules").contains("exited 255");
        String goLiveId = (String) historicVariable(id, ProcessConstants.VAR_GO_LIVE_ID);
        InOrder order = inOrder(runtime, backups);
        order.verify(runtime).setAsideFailed("sandbox", goLiveId, "golive/odoo:18.0-1");
        order.verify(backups).restoreDatabase("sandbox", goLiveId);
        order.verify(backups).restoreFilestore("sandbox", goLiveId);
        order.verify(runtime).restorePrevious("sandbox", goLiveId, "golive/odoo:18.0-1");
        verify(modules, times(1)).install(anyString(), anyString(), anyList(), anyString());
    }

    @Test
    void technicalFaultIsRetriedThenRollsBack() {
        when(backups.backUp(anyString(), anyString(), any())).thenThrow(new IllegalStateException("pg_dump: connection refused"));
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        verify(backups, times(3)).backUp(anyString(), anyString(), any());
        assertThat(new HistoricInstance(id)).hasPassed("EndEvent_GoLiveRolledBack").hasNotPassed("Task_DeployOdooContainer");
        assertThat(BpmnAwareTests_incidents()).isZero();
        // no backup was finished, so the rollback brings the previous container back without restoring data
        assertThat(new HistoricInstance(id)).hasPassed("CallActivity_Rollback");
        verify(backups, never()).restoreDatabase(anyString(), anyString());
        verify(runtime).restorePrevious(eq("sandbox"), anyString(), eq("golive/odoo:18.0-1"));
    }

    @Test
    void validationFailureRollsBack() {
        when(validation.run(eq(Check.LATENCY), anyString(), anyList()))
                .thenThrow(new StepFailedException("p95 latency of /web/login is 3400 ms, above 2000 ms"));
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("BoundaryEvent_ValidationFailed", "EndEvent_GoLiveRolledBack")
                .hasNotPassed("Task_AnnounceGoLive");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("p95 latency");
        verify(backups).restoreDatabase(eq("sandbox"), anyString());
    }

    @Test
    void hypercareFailureRollsBack() {
        when(validation.run(eq(Check.HEALTH), anyString(), anyList()))
                .thenReturn(Map.of("status", 200))
                .thenThrow(new StepFailedException("/web/health answered 502"))
                .thenReturn(Map.of("status", 200)); // the previous release, brought back by the rollback
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("Task_AnnounceGoLive", "BoundaryEvent_HypercareFailed", "EndEvent_GoLiveRolledBack")
                .hasNotPassed("EndEvent_GoLiveCompleted");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("502");
        verify(backups).restoreDatabase(eq("sandbox"), anyString());
    }

    @Test
    void unreachableTargetAbortsBeforeAnyChange() {
        when(targetChecks.check(anyString(), anyString())).thenThrow(new StepFailedException("image golive/odoo:18.0-2 is not present"));
        String id = startGoLive(MANIFEST);
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("EndEvent_GoLiveAborted").hasNotPassed(ProcessConstants.TASK_GO_NO_GO);
        verify(runtime, never()).enableMaintenance(anyString());
    }

    private long BpmnAwareTests_incidents() {
        return engine.getRuntimeService().createIncidentQuery().count();
    }
}
