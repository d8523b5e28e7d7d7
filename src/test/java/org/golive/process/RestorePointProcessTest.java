package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.golive.backup.SnapshotService.Attempt;
import org.golive.backup.SnapshotService.Snapshot;
import org.golive.backup.SnapshotService.Swap;
import org.golive.step.ProcessConstants;
import org.golive.step.StepFailedException;
import org.golive.validation.ReleaseValidationService.Check;
import org.golive.config.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** The restore point's paths through go-live and rollback: snapshot, off-host dump, swap back, drop; and the fallback. */
class RestorePointProcessTest extends ProcessTestSupport {

    private static final String SNAPSHOT = "golive_sandbox_golive_x";

    @BeforeEach
    void theServerCanCopyTheDatabase() {
        when(snapshots.take(any(Target.class), anyString())).thenReturn(new Attempt(new Snapshot("golive_sandbox", SNAPSHOT, 4096,
                Path.of("/odoo/filestore/golive_sandbox"), Path.of("/odoo/filestore/.golive/" + SNAPSHOT + "/golive_sandbox"), 3,
                Duration.ofMillis(40)), null));
        // no backup of the go-live exists until the off-host step dumps the snapshot
        when(backups.find(any(Target.class), anyString())).thenReturn(Optional.empty());
        when(snapshots.swapBack(any(Target.class), anyString())).thenReturn(Optional.of(new Swap("golive_sandbox", SNAPSHOT,
                "golive_sandbox_failed_x", "swapped", Path.of("/odoo/filestore/golive_sandbox"),
                Path.of("/odoo/filestore/.golive/golive_sandbox_failed_x/golive_sandbox"), "swapped")));
        when(snapshots.drop(any(Target.class), anyString())).thenReturn(List.of(SNAPSHOT));
    }

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    @Test
    void theWindowTakesASnapshotAndTheDumpFollowsOnceTheReleaseServes() {
        String id = goLive();

        String goLiveId = (String) variable(id, ProcessConstants.VAR_GO_LIVE_ID);
        InOrder order = inOrder(runtime, snapshots, backups, validation);
        order.verify(snapshots).take(sandbox(), goLiveId);
        order.verify(runtime).deployRelease(any(Target.class), anyString(), anyString());
        order.verify(runtime).startOdoo(sandbox());
        order.verify(backups).backUpFrom(eq(sandbox()), eq(goLiveId), eq("golive/odoo:18.0-1"), eq("golive_sandbox_golive_x"), any());
        order.verify(validation).run(eq(Check.HEALTH), any(Target.class), anyList());
        verify(backups, never()).backUp(any(Target.class), anyString(), any());
        assertThat(variable(id, ProcessConstants.VAR_BACKUP_ID)).isEqualTo(goLiveId);
    }

    @Test
    void theSnapshotIsDroppedWhenHypercarePasses() {
        String id = goLive();

        assertThat(new HistoricInstance(id)).hasPassedInOrder("SubProcess_Hypercare", ProcessConstants.TASK_DROP_RESTORE_POINT,
                "Task_StartPostGoLiveFollowUp", "EndEvent_GoLiveCompleted");
        verify(snapshots).drop(sandbox(), (String) variable(id, ProcessConstants.VAR_GO_LIVE_ID));
        verify(snapshots).sweep(eq(sandbox()), any());
    }

    @Test
    void theEvidenceNamesTheSnapshotAndItsOffHostBackup() throws Exception {
        String id = goLive();

        String goLiveId = (String) variable(id, ProcessConstants.VAR_GO_LIVE_ID);
        Path dir = Path.of("target/process-test-data/evidence", goLiveId);
        assertThat(Files.readString(dir.resolve("WHAT_SHIPPED.md"))).contains("snapshot `" + SNAPSHOT + "` with filestore links")
                .contains("off-host backup `" + goLiveId + "`");
        assertThat(Files.readString(dir.resolve("GO_LIVE_MANIFEST.md"))).contains("## Restore point")
                .contains("| Snapshot database | `" + SNAPSHOT + "` |").contains("| Dropped | `" + SNAPSHOT + "` |")
                .contains("| Dumped from | `" + SNAPSHOT + "`");
    }

    @Test
    void aFailedInstallSwapsTheSnapshotBackInsteadOfRestoring() throws Exception {
        when(modules.release(any(Target.class), anyString(), anyList(), anyList(), anyString()))
                .thenThrow(new StepFailedException("installing golive_broken: odoo exited 255"));

        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        completeGoNoGo("lead", openTask(id, ProcessConstants.TASK_GO_NO_GO).getId(), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        String goLiveId = (String) variable(id, ProcessConstants.VAR_GO_LIVE_ID);
        assertThat(new HistoricInstance(id)).hasPassed("CallActivity_Rollback", "EndEvent_GoLiveRolledBack");
        InOrder order = inOrder(runtime, snapshots);
        order.verify(runtime).setAsideFailed(sandbox(), goLiveId, "golive/odoo:18.0-1");
        order.verify(snapshots).swapBack(sandbox(), goLiveId);
        order.verify(runtime).restorePrevious(sandbox(), goLiveId, "golive/odoo:18.0-1");
        verify(backups, never()).restoreDatabase(any(Target.class), anyString());
        assertThat(Files.readString(Path.of("target/process-test-data/evidence", goLiveId, "WHAT_SHIPPED.md")))
                .contains("swapped back from snapshot `" + SNAPSHOT + "` (failed database kept as `golive_sandbox_failed_x`");
    }

    @Test
    void whenNoSnapshotCanBeMadeTheWindowDumpsAndSaysWhy() throws Exception {
        when(snapshots.take(any(Target.class), anyString())).thenReturn(new Attempt(null, "database golive_sandbox is 9 GB, over golive.snapshot.max-size"));
        when(backups.find(any(Target.class), anyString())).thenAnswer(call -> Optional.of(backup(call.getArgument(1))));

        String id = goLive();

        String goLiveId = (String) variable(id, ProcessConstants.VAR_GO_LIVE_ID);
        InOrder order = inOrder(runtime, backups);
        order.verify(backups).backUp(sandbox(), goLiveId, "golive/odoo:18.0-1");
        order.verify(runtime).deployRelease(any(Target.class), anyString(), anyString());
        verify(backups, never()).backUpFrom(any(Target.class), anyString(), any(), anyString(), any());
        assertThat(variable(id, ProcessConstants.VAR_RESTORE_POINT_ID)).isNull();
        assertThat(Files.readString(Path.of("target/process-test-data/evidence", goLiveId, "WHAT_SHIPPED.md")))
                .contains("dumped inside the window (no snapshot: database golive\\_sandbox is 9 GB, over golive.snapshot.max-size)");
    }

    private String goLive() {
        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        completeGoNoGo("lead", openTask(id, ProcessConstants.TASK_GO_NO_GO).getId(), Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();
        assertThat(new HistoricInstance(id)).hasPassed("EndEvent_GoLiveCompleted");
        return id;
    }

    private static Object variable(String processInstanceId, String name) {
        HistoricVariableInstance variable = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }
}
