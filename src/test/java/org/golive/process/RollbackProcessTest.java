package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
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
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassedInOrder("Task_AnnounceRollback", "Task_EnableRollbackMaintenance",
                "Task_SetAsideFailedOdoo", "Task_RestoreDatabase", "Task_RestoreFilestore", "Task_RestorePreviousOdoo",
                "Task_VerifyRollback", "Task_AnnounceRollbackComplete", "EndEvent_RolledBack");
        InOrder order = inOrder(maintenancePage, runtime, backups, validation);
        order.verify(maintenancePage).show("sandbox");
        order.verify(runtime).enableMaintenance("sandbox");
        order.verify(runtime).setAsideFailed(eq("sandbox"), anyString(), eq("golive/odoo:18.0-1"));
        order.verify(backups).restoreDatabase("sandbox", "sandbox-18.0-2-20261123-101010-abcd");
        order.verify(backups).restoreFilestore("sandbox", "sandbox-18.0-2-20261123-101010-abcd");
        // the image that ran when the backup was taken comes back
        order.verify(runtime).restorePrevious(eq("sandbox"), anyString(), eq("golive/odoo:18.0-1"));
        order.verify(maintenancePage).hide("sandbox");
        order.verify(validation).run(eq(Check.HEALTH), eq("sandbox"), org.mockito.ArgumentMatchers.anyList());
    }

    @Test
    void rollbackToAnUnknownBackupStartsNothing() {
        when(backups.find("sandbox", "no-such-backup")).thenReturn(Optional.empty());
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
        when(runtime.restorePrevious(anyString(), anyString(), org.mockito.ArgumentMatchers.any()))
                .thenThrow(new IllegalStateException("Docker engine not answering"));
        ResponseEntity<Map> started = post("release", "/api/rollbacks", "application/json",
                "{\"environment\":\"sandbox\",\"backupId\":\"sandbox-backup-1\"}");
        String id = (String) started.getBody().get("processInstanceId");
        runJobs();

        ProcessInstance instance = runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(instance).isNotNull().isActive();
        Incident incident = runtimeService().createIncidentQuery().processInstanceId(id).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("Task_RestorePreviousOdoo");
        assertThat(incident.getIncidentMessage()).contains("Docker engine not answering");
        verify(runtime, times(3)).restorePrevious(anyString(), anyString(), org.mockito.ArgumentMatchers.any());
        verify(backups).restoreDatabase("sandbox", "sandbox-backup-1");
        verify(runtime, never()).startOdoo(anyString());
    }
}
