package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.golive.config.Target;
import org.golive.step.ProcessConstants;
import org.golive.validation.ReleaseValidationService.Check;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.http.ResponseEntity;

class RollbackProcessTest extends ProcessTestSupport {

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    @Test
    void releaseManagerRollsBackToAChosenBackup() {
        ResponseEntity<Map> started = post("release", "/api/rollbacks", "application/json",
                "{\"environment\":\"sandbox\",\"backupId\":\"sandbox-18.0-2-20261123-101010-abcd\"}");
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(201);
        String id = (String) started.getBody().get("processInstanceId");
        decideRollback("lead", id, "approve");
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassedInOrder("UserTask_ApproveRollback", "Task_AnnounceRollback", "Task_EnableRollbackMaintenance",
                "Task_SetAsideFailedOdoo", "Task_RestoreDatabase", "Task_RestoreFilestore", "Task_RestorePreviousOdoo",
                "Task_VerifyRollback", "Task_AnnounceRollbackComplete", "EndEvent_RolledBack");
        InOrder order = inOrder(maintenancePage, runtime, backups, validation);
        order.verify(maintenancePage).show(sandbox());
        order.verify(runtime).enableMaintenance(sandbox());
        order.verify(runtime).setAsideFailed(eq(sandbox()), anyString(), eq("golive/odoo:18.0-1"));
        order.verify(backups).restoreDatabase(sandbox(), "sandbox-18.0-2-20261123-101010-abcd");
        order.verify(backups).restoreFilestore(sandbox(), "sandbox-18.0-2-20261123-101010-abcd");
        // the image that ran when the backup was taken comes back
        order.verify(runtime).restorePrevious(eq(sandbox()), anyString(), eq("golive/odoo:18.0-1"));
        order.verify(maintenancePage).hide(sandbox());
        order.verify(validation).run(eq(Check.HEALTH), eq(sandbox()), org.mockito.ArgumentMatchers.anyList());
    }

    @Test
    void rollbackToAnUnknownBackupStartsNothing() {
        when(backups.find(sandbox(), "no-such-backup")).thenReturn(Optional.empty());
        long before = runtimeService().createProcessInstanceQuery().count();

        ResponseEntity<Map> refused = post("release", "/api/rollbacks", "application/json",
                "{\"environment\":\"sandbox\",\"backupId\":\"no-such-backup\"}");
        ResponseEntity<Map> unknownEnvironment = post("release", "/api/rollbacks", "application/json",
                "{\"environment\":\"moon\",\"backupId\":\"x\"}");

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(refused.getBody().get("error"))).contains("backupId").contains("no-such-backup");
        assertThat(unknownEnvironment.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(unknownEnvironment.getBody().get("error"))).contains("environment").contains("moon");
        assertThat(runtimeService().createProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void aFailingRollbackStepRaisesAnIncidentInsteadOfEndingQuietly() {
        when(runtime.restorePrevious(any(Target.class), anyString(), org.mockito.ArgumentMatchers.any()))
                .thenThrow(new IllegalStateException("Docker engine not answering"));
        ResponseEntity<Map> started = post("release", "/api/rollbacks", "application/json",
                "{\"environment\":\"sandbox\",\"backupId\":\"sandbox-backup-1\"}");
        String id = (String) started.getBody().get("processInstanceId");
        decideRollback("lead", id, "approve");
        runJobs();

        ProcessInstance instance = runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(instance).isNotNull().isActive();
        Incident incident = runtimeService().createIncidentQuery().processInstanceId(id).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("Task_RestorePreviousOdoo");
        assertThat(incident.getIncidentMessage()).contains("Docker engine not answering");
        verify(runtime, times(3)).restorePrevious(any(Target.class), anyString(), org.mockito.ArgumentMatchers.any());
        verify(backups).restoreDatabase(sandbox(), "sandbox-backup-1");
        verify(runtime, never()).startOdoo(any(Target.class));
    }

    @Test
    void aRollbackStartedOnItsOwnWaitsForALeadAndChangesNothingBefore() {
        ResponseEntity<Map> started = post("release", "/api/rollbacks", "application/json",
                "{\"environment\":\"sandbox\",\"backupId\":\"sandbox-backup-2\"}");
        String id = (String) started.getBody().get("processInstanceId");
        runJobs();

        Task approval = openTask(id, ProcessConstants.TASK_APPROVE_ROLLBACK);
        assertThat(approval).as("the rollback waits for a lead").isNotNull();
        assertThat(taskService().getIdentityLinksForTask(approval.getId())).extracting(IdentityLink::getGroupId)
                .containsExactly(ProcessConstants.GROUP_LEAD);
        assertThat(runtimeService().getVariable(id, ProcessConstants.VAR_ROLLBACK_LOSES).toString())
                .contains("golive_sandbox").contains("is lost");
        assertThat(runtimeService().getVariable(id, ProcessConstants.VAR_ROLLBACK_REQUESTED_BY)).isEqualTo("release");
        verify(backups, never()).restoreDatabase(any(Target.class), anyString());
        verify(runtime, never()).enableMaintenance(any(Target.class));
    }

    @Test
    void theRequesterCannotApproveTheirOwnRollback() {
        createUser("lead2", ProcessConstants.GROUP_LEAD);
        try {
            ResponseEntity<Map> started = post("lead2", "/api/rollbacks", "application/json",
                    "{\"environment\":\"sandbox\",\"backupId\":\"sandbox-backup-3\"}");
            assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(201);
            String id = (String) started.getBody().get("processInstanceId");

            ResponseEntity<Map> own = completeTask("lead2", openTask(id, ProcessConstants.TASK_APPROVE_ROLLBACK).getId(),
                    Map.of("rollbackApproval", "approve", "rollbackApprovalReason", "my own"));
            ResponseEntity<Map> release = completeTask("release", openTask(id, ProcessConstants.TASK_APPROVE_ROLLBACK).getId(),
                    Map.of("rollbackApproval", "approve", "rollbackApprovalReason", "not mine to decide"));

            assertThat(own.getStatusCode().value()).isEqualTo(400);
            assertThat(String.valueOf(own.getBody().get("message"))).contains("four eyes").contains("lead2");
            assertThat(release.getStatusCode().value()).as("release is not a go-live lead").isIn(400, 403, 404);
            assertThat(openTask(id, ProcessConstants.TASK_APPROVE_ROLLBACK)).as("still waiting").isNotNull();
        } finally {
            identityService().deleteUser("lead2");
        }
    }

    @Test
    void aRejectedRollbackRestoresNothing() {
        ResponseEntity<Map> started = post("release", "/api/rollbacks", "application/json",
                "{\"environment\":\"sandbox\",\"backupId\":\"sandbox-backup-4\"}");
        String id = (String) started.getBody().get("processInstanceId");
        decideRollback("lead", id, "reject");
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassedInOrder("UserTask_ApproveRollback", "EndEvent_RollbackRejected");
        verify(backups, never()).restoreDatabase(any(Target.class), anyString());
        verify(runtime, never()).enableMaintenance(any(Target.class));
    }

    @Test
    void aClientCannotSkipTheApprovalThroughEngineRest() {
        ResponseEntity<Map> started = post("release", "/engine-rest/process-definition/key/rollback/start", "application/json",
                "{\"variables\":{\"environment\":{\"value\":\"sandbox\"},\"backupId\":{\"value\":\"sandbox-backup-5\"},"
                        + "\"rollbackNeedsApproval\":{\"value\":false,\"type\":\"Boolean\"}}}");
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(200);
        String id = (String) started.getBody().get("id");
        runJobs();

        assertThat(openTask(id, ProcessConstants.TASK_APPROVE_ROLLBACK)).isNotNull();
        assertThat(runtimeService().getVariable(id, ProcessConstants.VAR_GO_LIVE_ID).toString()).startsWith("rollback-sandbox-");
        verify(backups, never()).restoreDatabase(any(Target.class), anyString());
    }

    private void decideRollback(String lead, String processInstanceId, String decision) {
        runJobs();
        Task approval = openTask(processInstanceId, ProcessConstants.TASK_APPROVE_ROLLBACK);
        assertThat(approval).as("rollback approval task").isNotNull();
        ResponseEntity<Map> done = completeTask(lead, approval.getId(),
                Map.of("rollbackApproval", decision, "rollbackApprovalReason", "decided in the test"));
        assertThat(done.getStatusCode().value()).as("%s", done.getBody()).isEqualTo(204);
    }
}
