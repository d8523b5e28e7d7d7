package org.golive.process;

import org.golive.config.Target;
import org.golive.signoff.SignOffRole;
import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
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
import org.camunda.bpm.engine.task.Task;
import org.golive.evidence.EvidenceDocuments;
import org.golive.readiness.Gate;
import org.golive.readiness.GateResult;
import org.golive.step.StepFailedException;
import org.golive.validation.CheckFailedException;
import org.golive.validation.ReleaseValidationService.Check;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.http.ResponseEntity;

class GoLiveProcessTest extends ProcessTestSupport {

    @Autowired
    EvidenceDocuments evidenceDocuments;

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    private String waitForGoNoGo(String id) {
        passReadinessAndSignOffs(id);
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
    void theGoNoGoFormShowsEachGateEachSignOffTheRestorePointAndTheLastWindowsDowntime() {
        String first = startGoLive(MANIFEST);
        String firstTask = waitForGoNoGo(first);
        Map<String, Object> shown = taskService().getVariables(firstTask);
        assertThat(shown.get(ProcessConstants.VAR_BRIEFING_GATES).toString().lines())
                .contains("backupRestore: pass: backupRestore fine", "edge: pass: edge fine")
                .anyMatch(l -> l.startsWith("Readiness: "));
        assertThat(shown.get(ProcessConstants.VAR_BRIEFING_SIGN_OFFS).toString().lines().toList())
                .hasSize(SignOffRole.values().length)
                .allMatch(l -> l.contains(": approve by ") && l.contains(" at 20"));
        assertThat(shown.get(ProcessConstants.VAR_BRIEFING_RESTORE_POINT).toString())
                .contains("Back up database").contains("test-restored by readiness: pass: backupRestore fine");
        // other tests of this engine may have completed go-lives of sandbox before: the second go-live below names this one
        assertThat(shown.get(ProcessConstants.VAR_BRIEFING_DOWNTIME).toString()).containsAnyOf("not measured yet", "the last go-live of sandbox");

        completeGoNoGo("lead", firstTask, Map.of("goNoGoDecision", "go", "goNoGoReason", "all gates green"));
        runJobs();
        assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(first).singleResult().getEndActivityId())
                .isEqualTo("EndEvent_GoLiveCompleted");

        String second = startGoLive(MANIFEST);
        String downtime = taskService().getVariable(waitForGoNoGo(second), ProcessConstants.VAR_BRIEFING_DOWNTIME).toString();
        assertThat(downtime).matches("about \\d+\\.\\d s: the last go-live of \\S+ \\(" + historicVariable(first, "goLiveId") + ", ended .*");
    }

    @Test
    void goDeploysValidatesAndEndsAfterHypercare() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);

        ResponseEntity<Map> completed = completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "all gates green"));
        assertThat(completed.getStatusCode().is2xxSuccessful()).as("%s", completed.getBody()).isTrue();
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassedInOrder("CallActivity_CheckReadiness", "CallActivity_CollectSignOffs",
                "Task_AnnounceDeploymentStart", "Task_CheckTargetReachable",
                "UserTask_DecideGoNoGo", "Task_PrepareReleaseContainer", "Task_EnableMaintenance", "Task_KeepPreviousOdoo", "Task_BackUpDatabase",
                "Task_DeployOdooContainer", "Task_InstallAndUpdateModules", "Task_StartOdoo",
                "CallActivity_ValidateRelease", "Task_AnnounceGoLive", "CallActivity_RevalidateRelease", "Task_StartPostGoLiveFollowUp",
                "Task_ApplyBackupRetention", "Task_CopyBackupOffsite", "Task_WriteEvidenceDocuments", "EndEvent_GoLiveCompleted");
        assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getEndActivityId())
                .isEqualTo("EndEvent_GoLiveCompleted");
        assertThat(historicVariable(id, ProcessConstants.VAR_DECIDED_BY)).isEqualTo("lead");
        assertThat(historicVariable(id, ProcessConstants.VAR_BACKUP_ID)).isEqualTo(historicVariable(id, ProcessConstants.VAR_GO_LIVE_ID));
        assertThat(historicVariable(id, ProcessConstants.VAR_STARTED_BY)).isEqualTo("release");

        InOrder order = inOrder(maintenancePage, runtime, backups, modules, validation);
        String goLiveId = (String) historicVariable(id, "goLiveId");
        // the release container is made while the previous Odoo still serves; the window only swaps and starts it
        order.verify(runtime).prepareRelease(sandbox(), "golive/odoo:18.0-2", goLiveId);
        // users see the maintenance page before Odoo stops, and until the release serves
        order.verify(maintenancePage).show(sandbox());
        order.verify(runtime).enableMaintenance(sandbox());
        order.verify(runtime).keepPrevious(eq(sandbox()), anyString());
        order.verify(backups).backUp(eq(sandbox()), anyString(), eq("golive/odoo:18.0-1"));
        order.verify(runtime).deployRelease(sandbox(), "golive/odoo:18.0-2", goLiveId);
        // one task hands both lists to one Odoo run
        order.verify(modules).release(eq(sandbox()), eq("golive/odoo:18.0-2"), eq(List.of("golive_extra")), eq(List.of("golive_demo")),
                anyString());
        order.verify(runtime).startOdoo(sandbox());
        order.verify(maintenancePage).hide(sandbox());
        for (Check check : Check.values()) {
            order.verify(validation).run(check, sandbox(), List.of("golive_extra", "golive_demo"));
        }
        // hypercare ran the same checks once more, and so did the first daily review of the follow-up it started
        verify(validation, times(3)).run(eq(Check.LATENCY), any(Target.class), anyList());
        assertThat(historicVariable(id, "goLiveOutcome")).isEqualTo("completed");
        assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey("post-go-live")
                .processInstanceBusinessKey(businessKey(id)).count()).isEqualTo(1);
        assertThat(historicVariable(id, "whatShipped")).isNotNull();
        verify(backups, never()).restoreDatabase(any(Target.class), anyString());
        verify(retention).apply(sandbox());
        assertThat(evidenceDocuments.read((String) historicVariable(id, ProcessConstants.VAR_GO_LIVE_ID), EvidenceDocuments.GO_LIVE_MANIFEST)).get().asString()
                .contains("Task_ApplyBackupRetention").contains("deletedBackups").contains("old-backup").contains("bytesFreed")
                .contains("Task_CopyBackupOffsite").contains("off-site copy not configured");
        verify(modules, never()).install(any(Target.class), anyString(), anyList(), anyString());
        verify(modules, never()).update(any(Target.class), anyString(), anyList(), anyString());
    }

    @Test
    void aReleaseContainerThatCannotBePreparedStopsTheGoLiveBeforeMaintenance() {
        when(runtime.prepareRelease(any(Target.class), anyString(), anyString()))
                .thenThrow(new StepFailedException("image golive/odoo:18.0-2 is not present on unix:///var/run/docker.sock"));
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("BoundaryEvent_ReleaseContainerNotPrepared", "Task_WriteStopEvidenceDocuments",
                "EndEvent_GoLiveStopped").hasNotPassed("Task_EnableMaintenance", "CallActivity_Rollback");
        assertThat(historicVariable(id, "goLiveOutcome")).isEqualTo("target-unreachable");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON))
                .contains("Task_PrepareReleaseContainer").contains("not present");
        verify(maintenancePage, never()).show(any(Target.class));
        verify(runtime, never()).enableMaintenance(any(Target.class));
        verify(backups, never()).backUp(any(Target.class), anyString(), any());
    }

    @Test
    void noGoEndsWithTheRecordedReasonAndTouchesNothing() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);

        completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "no-go", "goNoGoReason", "UAT not signed off"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("Task_WriteStopEvidenceDocuments", "EndEvent_GoLiveStopped")
                .hasNotPassed("Task_EnableMaintenance");
        assertThat(historicVariable(id, "goLiveOutcome")).isEqualTo("no-go");
        assertThat(historicVariable(id, ProcessConstants.VAR_DECISION_REASON)).isEqualTo("UAT not signed off");
        verify(runtime, never()).enableMaintenance(any(Target.class));
        verify(backups, never()).backUp(any(Target.class), anyString(), any());
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
        verify(runtime, never()).enableMaintenance(any(Target.class));
    }

    @Test
    void moduleInstallFailureRollsBackToTheBackup() {
        when(modules.release(any(Target.class), anyString(), anyList(), anyList(), anyString()))
                .thenThrow(new StepFailedException("installing golive_broken: odoo exited 255"));
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("BoundaryEvent_DeploymentFailed", "CallActivity_Rollback", "EndEvent_GoLiveRolledBack")
                .hasNotPassed("Task_StartOdoo", "CallActivity_ValidateRelease");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("Task_InstallAndUpdateModules").contains("exited 255");
        String goLiveId = (String) historicVariable(id, ProcessConstants.VAR_GO_LIVE_ID);
        InOrder order = inOrder(runtime, backups);
        order.verify(runtime).setAsideFailed(sandbox(), goLiveId, "golive/odoo:18.0-1");
        order.verify(backups).restoreDatabase(sandbox(), goLiveId);
        order.verify(backups).restoreFilestore(sandbox(), goLiveId);
        order.verify(runtime).restorePrevious(sandbox(), goLiveId, "golive/odoo:18.0-1");
        verify(modules, times(1)).release(any(Target.class), anyString(), anyList(), anyList(), anyString());
    }

    @Test
    void technicalFaultIsRetriedThenRollsBack() {
        when(backups.backUp(any(Target.class), anyString(), any())).thenThrow(new IllegalStateException("pg_dump: connection refused"));
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        verify(backups, times(3)).backUp(any(Target.class), anyString(), any());
        assertThat(new HistoricInstance(id)).hasPassed("EndEvent_GoLiveRolledBack").hasNotPassed("Task_DeployOdooContainer");
        assertThat(BpmnAwareTests_incidents()).isZero();
        // no backup was finished, so the rollback brings the previous container back without restoring data
        assertThat(new HistoricInstance(id)).hasPassed("CallActivity_Rollback");
        verify(backups, never()).restoreDatabase(any(Target.class), anyString());
        verify(runtime).restorePrevious(eq(sandbox()), anyString(), eq("golive/odoo:18.0-1"));
    }

    @Test
    void aFailingCheckAfterDeployGoesToTheLeadWhoRollsBack() {
        when(validation.run(eq(Check.LATENCY), any(Target.class), anyList()))
                .thenThrow(new StepFailedException("p95 latency of /web/login is 3400 ms, above 2000 ms"));
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        // no criterion of the checklist is met by one slow probe, but a release failing a check is not announced unseen
        assertThat(historicVariable(id, "rollbackDecision")).isEqualTo("continue");
        ProcessInstance pi = runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(pi).isWaitingAt("UserTask_ConsiderRollback");
        assertThat(task(pi)).hasCandidateGroup(ProcessConstants.GROUP_LEAD);
        ResponseEntity<Map> noReason = completeTask("lead", task(pi).getId(), Map.of("rollbackChoice", "rollback"));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);

        completeTask("lead", task(pi).getId(), Map.of("rollbackChoice", "rollback", "rollbackChoiceReason", "too slow for month-end"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("Gateway_RollbackChosen", "CallActivity_Rollback", "EndEvent_GoLiveRolledBack")
                .hasNotPassed("Task_AnnounceGoLive");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("too slow for month-end");
        verify(backups).restoreDatabase(eq(sandbox()), anyString());
    }

    @Test
    void theLeadMayKeepARelease() {
        when(validation.run(eq(Check.LOGIN), any(Target.class), anyList()))
                .thenThrow(new StepFailedException("/web/login answered 500"))
                .thenReturn(Map.of("status", 200));
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        assertThat(historicVariable(id, "rollbackDecision")).isEqualTo("consider-rollback");
        assertThat(historicVariable(id, "coreWorkflowsBlocked")).isEqualTo(true);
        Task consider = openTask(id, "UserTask_ConsiderRollback");
        completeTask("lead", consider.getId(), Map.of("rollbackChoice", "continue", "rollbackChoiceReason", "login restored by proxy restart"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("Task_AnnounceGoLive", "EndEvent_GoLiveCompleted").hasNotPassed("CallActivity_Rollback");
    }

    @Test
    void dataCorruptionAfterDeployRollsBackAtOnce() {
        when(validation.run(eq(Check.MODULES), any(Target.class), anyList())).thenThrow(new CheckFailedException(
                "modules not installed: golive_demo (to upgrade)", Map.of("interruptedModules", "golive_demo (to upgrade)")));
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("Gateway_ValidationVerdict", "CallActivity_Rollback", "EndEvent_GoLiveRolledBack")
                .hasNotPassed("UserTask_ConsiderRollback", "Task_AnnounceGoLive");
        assertThat(historicVariable(id, "rollbackDecision")).isEqualTo("immediate-rollback");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("golive_demo");
        assertThat(historicVariable(id, "goLiveOutcome")).isEqualTo("rolled-back");
    }

    @Test
    void aBlockedWorkflowDuringHypercareGoesToTheLeadWhoRollsBack() {
        when(validation.run(eq(Check.LOGIN), any(Target.class), anyList()))
                .thenReturn(Map.of("status", 200))
                .thenThrow(new StepFailedException("/web/login answered 502"))
                .thenReturn(Map.of("status", 200)); // the previous release, brought back by the rollback
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        Task consider = openTask(id, "UserTask_ConsiderHypercareRollback");
        assertThat(consider).as("consider-rollback during hypercare").isNotNull();
        completeTask("lead", consider.getId(), Map.of("rollbackChoice", "rollback", "rollbackChoiceReason", "users cannot log in"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("Task_AnnounceGoLive", "EndEvent_HypercareRollbackChosen",
                "BoundaryEvent_HypercareFailed", "EndEvent_GoLiveRolledBack").hasNotPassed("EndEvent_GoLiveCompleted");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("users cannot log in");
        verify(backups).restoreDatabase(eq(sandbox()), anyString());
    }

    @Test
    void aLongOutageDuringHypercareRollsBackAtOnce() {
        when(validation.run(eq(Check.HEALTH), any(Target.class), anyList()))
                .thenThrow(new StepFailedException("/web/health answered 502"))
                .thenThrow(new StepFailedException("/web/health answered 502"))
                .thenReturn(Map.of("status", 200)); // the previous release, brought back by the rollback
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();
        Task consider = openTask(id, "UserTask_ConsiderRollback");
        assertThat(consider).as("a failing health check right after deploy goes to the lead").isNotNull();
        // as if the lead had taken 40 minutes to decide while health kept failing
        runtimeService().setVariable(id, "unhealthySince", java.time.Instant.now().minus(java.time.Duration.ofMinutes(40)).toString());
        completeTask("lead", consider.getId(), Map.of("rollbackChoice", "continue", "rollbackChoiceReason", "proxy issue, being fixed"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("EndEvent_HypercareRollbackNeeded", "BoundaryEvent_HypercareFailed",
                "EndEvent_GoLiveRolledBack").hasNotPassed("UserTask_ConsiderHypercareRollback");
        assertThat(historicVariable(id, "rollbackCriterion")).isEqualTo("Total system outage > 30 minutes");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("unhealthy for");
    }

    @Test
    void aReportedSecurityBreachRollsBackAtTheNextHypercareCheck() {
        String id = startGoLive(MANIFEST);
        completeGoNoGo("lead", waitForGoNoGo(id), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobsExceptTimers();
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult())
                .isWaitingAt("TimerEvent_HypercareInterval");
        String goLiveId = businessKey(id);

        ResponseEntity<Map> noReason = post("ops", "/api/go-lives/" + goLiveId + "/security-breach", "application/json", "{}");
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(noReason.getBody())).contains("reason");
        assertThat(post("ops", "/api/go-lives/no-such-go-live/security-breach", "application/json", "{\"reason\":\"x\"}")
                .getStatusCode().value()).isEqualTo(404);
        assertThat(runtimeService().getVariable(id, "securityBreachReported")).as("a refused report changes nothing").isNull();

        ResponseEntity<Map> reported = post("ops", "/api/go-lives/" + goLiveId + "/security-breach", "application/json",
                "{\"reason\":\"admin session tokens leaked in a log\"}");
        assertThat(reported.getStatusCode().value()).isEqualTo(202);
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("EndEvent_HypercareRollbackNeeded", "EndEvent_GoLiveRolledBack")
                .hasNotPassed("EndEvent_GoLiveCompleted");
        assertThat(historicVariable(id, "rollbackCriterion")).isEqualTo("Security breach detected");
    }

    @Test
    void unreachableTargetAbortsBeforeAnyChange() {
        when(targetChecks.check(any(Target.class), anyString())).thenThrow(new StepFailedException("image golive/odoo:18.0-2 is not present"));
        String id = startGoLive(MANIFEST);
        runJobs();

        passReadinessAndSignOffs(id);

        assertThat(new HistoricInstance(id)).hasPassed("EndEvent_GoLiveStopped").hasNotPassed(ProcessConstants.TASK_GO_NO_GO);
        assertThat(historicVariable(id, "goLiveOutcome")).isEqualTo("target-unreachable");
        verify(runtime, never()).enableMaintenance(any(Target.class));
    }

    @Test
    void aFailedReadinessGateStopsTheGoLiveBeforeAnySignOff() {
        when(gates.check(eq(Gate.backupRestore), any())).thenReturn(GateResult.fail("no backup of golive_sandbox younger than 24h", Map.of()));
        String id = startGoLive(MANIFEST);
        attestReadiness(id);

        assertThat(new HistoricInstance(id)).hasPassed("Gateway_Ready", "EndEvent_GoLiveStopped").hasNotPassed("CallActivity_CollectSignOffs");
        assertThat(historicVariable(id, "goLiveOutcome")).isEqualTo("not-ready");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("backupRestore").contains("24h");
        assertThat(taskQuery().processInstanceBusinessKey(businessKey(id)).count()).isZero();
    }

    @Test
    void aRejectedSignOffStopsTheGoLive() {
        String id = startGoLive(MANIFEST);
        attestReadiness(id);
        Task security = taskQuery().processInstanceBusinessKey(businessKey(id)).taskCandidateGroup("golive-security-lead").singleResult();
        completeTask("security", security.getId(), Map.of("signOffDecision", "reject", "signOffComment", "pen test findings open"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("BoundaryEvent_SignOffRejected", "EndEvent_GoLiveStopped")
                .hasNotPassed("Task_AnnounceDeploymentStart");
        assertThat((String) historicVariable(id, ProcessConstants.VAR_FAILURE_REASON))
                .isEqualTo("Security Lead sign-off rejected by security: pen test findings open");
        assertThat(taskQuery().processInstanceBusinessKey(businessKey(id)).count()).as("other sign-offs withdrawn").isZero();
    }

    @Test
    void whoeverStartedTheGoLiveCannotAuthorizeIt() {
        // one person who is both release manager and go-live lead (starting needs golive-release)
        createUser("relead", ProcessConstants.GROUP_RELEASE, ProcessConstants.GROUP_LEAD);
        try {
            ResponseEntity<Map> started = post("relead", "/api/go-lives", "application/yaml", MANIFEST);
            String id = (String) started.getBody().get("processInstanceId");
            String taskId = waitForGoNoGo(id);

            ResponseEntity<Map> ownGo = completeGoNoGo("relead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "my own release"));
            assertThat(ownGo.getStatusCode().value()).isEqualTo(400);
            assertThat(String.valueOf(ownGo.getBody().get("message"))).contains("four eyes");
            assertThat(taskQuery().taskId(taskId).singleResult()).isNotNull();

            ResponseEntity<Map> otherGo = completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "checked"));
            assertThat(otherGo.getStatusCode().is2xxSuccessful()).as("%s", otherGo.getBody()).isTrue();
            assertThat(historicVariable(id, ProcessConstants.VAR_DECIDED_BY)).isEqualTo("lead");
        } finally {
            engine.getIdentityService().deleteUser("relead");
        }
    }

    @Test
    void overwritingStartedByDoesNotLetTheStarterAuthorize() {
        createUser("relead", ProcessConstants.GROUP_RELEASE, ProcessConstants.GROUP_LEAD);
        try {
            ResponseEntity<Map> started = post("relead", "/api/go-lives", "application/yaml", MANIFEST);
            String id = (String) started.getBody().get("processInstanceId");
            String taskId = waitForGoNoGo(id);
            // as an admin could (nobody else may change variables): the engine's record of the starter still holds
            engine.getRuntimeService().setVariable(id, ProcessConstants.VAR_STARTED_BY, "someone-else");

            ResponseEntity<Map> ownGo = completeGoNoGo("relead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "mine"));

            assertThat(ownGo.getStatusCode().value()).isEqualTo(400);
            assertThat(String.valueOf(ownGo.getBody().get("message"))).contains("four eyes").contains("relead");
        } finally {
            engine.getIdentityService().deleteUser("relead");
        }
    }

    @Test
    void someoneOutsideTheLeadGroupCannotDecideGoNoGoEvenWithATaskGrant() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);
        // an admin granted qa work on this one task: the listener still refuses a non-candidate
        org.camunda.bpm.engine.authorization.Authorization grant = engine.getAuthorizationService()
                .createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
        grant.setUserId("qa");
        grant.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
        grant.setResourceId(taskId);
        grant.addPermission(org.camunda.bpm.engine.authorization.Permissions.ALL);
        engine.getAuthorizationService().saveAuthorization(grant);
        try {
            ResponseEntity<Map> response = completeGoNoGo("qa", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "why not"));

            assertThat(response.getStatusCode().value()).isEqualTo(400);
            assertThat(String.valueOf(response.getBody().get("message"))).contains("golive-lead").contains("qa");
            assertThat(taskQuery().taskId(taskId).singleResult()).isNotNull();
        } finally {
            engine.getAuthorizationService().deleteAuthorization(grant.getId());
        }
    }

    @Test
    void goIsRefusedWhenTheReleaseVariablesNoLongerMatchTheSeal() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);
        engine.getRuntimeService().setVariable(id, ProcessConstants.VAR_RELEASE_TAG, "18.0-666");

        ResponseEntity<Map> response = completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "fine"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(response.getBody().get("message"))).contains("not the release it was started and approved with");
    }

    @Test
    void aDeployStepRefusesToActOnATamperedRelease() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);
        ResponseEntity<Map> go = completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "fine"));
        assertThat(go.getStatusCode().is2xxSuccessful()).as("%s", go.getBody()).isTrue();
        // the release container is prepared before the window; changed after that, before it is swapped in
        runJobsUntil(id, "Task_EnableMaintenance");
        engine.getRuntimeService().setVariable(id, ProcessConstants.VAR_IMAGE_REPOSITORY, "evil/odoo");
        runJobs();

        verify(runtime, never()).deployRelease(any(Target.class), anyString(), anyString());
        assertThat(new HistoricInstance(id)).hasPassed("Task_EnableMaintenance", "BoundaryEvent_DeploymentFailed");
        assertThat(String.valueOf(historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)))
                .contains("refused").contains("evil/odoo").contains("not the release it was started and approved with");
    }

    @Test
    void theReleaseContainerIsNotPreparedForATamperedRelease() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);
        ResponseEntity<Map> go = completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "fine"));
        assertThat(go.getStatusCode().is2xxSuccessful()).as("%s", go.getBody()).isTrue();
        // changed after the go, before the container is made
        engine.getRuntimeService().setVariable(id, ProcessConstants.VAR_IMAGE_REPOSITORY, "evil/odoo");
        runJobs();

        verify(runtime, never()).prepareRelease(any(Target.class), anyString(), anyString());
        verify(runtime, never()).enableMaintenance(any(Target.class));
        assertThat(new HistoricInstance(id)).hasPassed("BoundaryEvent_ReleaseContainerNotPrepared", "EndEvent_GoLiveStopped");
        assertThat(String.valueOf(historicVariable(id, ProcessConstants.VAR_FAILURE_REASON)))
                .contains("refused").contains("evil/odoo").contains("not the release it was started and approved with");
    }

    /** Executes the go-live's jobs one by one until its next job is the given activity's. */
    private void runJobsUntil(String processInstanceId, String activityId) {
        for (int i = 0; i < 200; i++) {
            if (engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).activityId(activityId).count() > 0) {
                return;
            }
            List<org.camunda.bpm.engine.runtime.Job> jobs = engine.getManagementService().createJobQuery().withRetriesLeft().list();
            if (jobs.isEmpty()) {
                throw new AssertionError("no job left before " + activityId);
            }
            engine.getManagementService().executeJob(jobs.get(0).getId());
        }
        throw new AssertionError("never reached " + activityId);
    }

    @Test
    void anOverdueGoNoGoIsEscalatedAndStaysOpen() {
        String id = startGoLive(MANIFEST);
        String taskId = waitForGoNoGo(id);

        assertThat(new HistoricInstance(id)).hasPassed("Task_EscalateGoNoGo", "EndEvent_GoNoGoEscalated");
        assertThat(taskQuery().taskId(taskId).singleResult()).as("still waiting for a decision").isNotNull();
    }

    private long BpmnAwareTests_incidents() {
        return engine.getRuntimeService().createIncidentQuery().count();
    }
}
