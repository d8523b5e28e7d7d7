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

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.golive.config.Target;
import org.golive.hooks.ReleaseHookService;
import org.golive.hooks.ReleaseHookService.HookRun;
import org.golive.step.EvidenceLog;
import org.golive.step.ProcessConstants;
import org.golive.step.StepFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The hook tasks of the deployment subprocess: pre-update before the module run, post-update after; a failing hook rolls back. */
class ReleaseHooksProcessTest extends ProcessTestSupport {

    private static final String WITH_HOOKS = MANIFEST + """
            hooks:
              pre-update: [["java", "@/opt/standin/hook.args", "--row", "pre"]]
              post-update: [["java", "@/opt/standin/hook.args", "--row", "post"]]
            """;
    private static final List<String> PRE = List.of("java", "@/opt/standin/hook.args", "--row", "pre");
    private static final List<String> POST = List.of("java", "@/opt/standin/hook.args", "--row", "post");

    @MockitoBean
    ReleaseHookService hooks;
    @Autowired
    EvidenceLog evidence;

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    private String goLive(String manifest) {
        String id = startGoLive(manifest);
        passReadinessAndSignOffs(id);
        String taskId = engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey(ProcessConstants.TASK_GO_NO_GO)
                .singleResult().getId();
        completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();
        return id;
    }

    private Object variable(String id, String name) {
        HistoricVariableInstance v = historyService().createHistoricVariableInstanceQuery().processInstanceId(id).variableName(name).singleResult();
        return v == null ? null : v.getValue();
    }

    private static HookRun ran(String phase, List<String> argv) {
        return new HookRun(phase, 0, argv, ReleaseHookService.RAN, 0, 12, "ok");
    }

    @Test
    void hooksRunAroundTheModuleRunBeforeOdooStarts() {
        when(hooks.run(any(Target.class), anyString(), anyString(), eq("pre-update"), anyList())).thenReturn(List.of(ran("pre-update", PRE)));
        when(hooks.run(any(Target.class), anyString(), anyString(), eq("post-update"), anyList())).thenReturn(List.of(ran("post-update", POST)));
        String id = goLive(WITH_HOOKS);

        assertThat(new HistoricInstance(id)).hasPassedInOrder("Task_DeployOdooContainer", "Task_RunPreUpdateHooks",
                "Task_InstallAndUpdateModules", "Task_RunPostUpdateHooks", "Task_StartOdoo", "EndEvent_GoLiveCompleted");
        String goLiveId = (String) variable(id, ProcessConstants.VAR_GO_LIVE_ID);
        InOrder order = inOrder(runtime, hooks, modules);
        order.verify(runtime).deployRelease(sandbox(), "golive/odoo:18.0-2", goLiveId);
        order.verify(hooks).run(sandbox(), "golive/odoo:18.0-2", goLiveId, "pre-update", List.of(PRE));
        order.verify(modules).release(eq(sandbox()), anyString(), anyList(), anyList(), anyString());
        order.verify(hooks).run(sandbox(), "golive/odoo:18.0-2", goLiveId, "post-update", List.of(POST));
        order.verify(runtime).startOdoo(sandbox());
    }

    @Test
    void aReleaseWithoutHooksRecordsNoHooksAndPasses() {
        String id = goLive(MANIFEST);

        assertThat(new HistoricInstance(id)).hasPassed("Task_RunPreUpdateHooks", "Task_RunPostUpdateHooks", "EndEvent_GoLiveCompleted");
        verify(hooks, never()).run(any(Target.class), anyString(), anyString(), anyString(), anyList());
        assertThat(evidence.entries((String) variable(id, ProcessConstants.VAR_GO_LIVE_ID)))
                .filteredOn(e -> "Task_RunPreUpdateHooks".equals(e.get("step")))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("hooks", "no hooks").containsEntry("kind", "release-hook"));
    }

    @Test
    void aFailingPreUpdateHookRollsBackBeforeTheModuleRun() {
        when(hooks.run(any(Target.class), anyString(), anyString(), eq("pre-update"), anyList()))
                .thenThrow(new StepFailedException("hook hooks.pre-update[0] (java @/opt/standin/hook.args --row pre) exited 3"));
        String id = goLive(WITH_HOOKS);

        assertThat(new HistoricInstance(id)).hasPassed("BoundaryEvent_DeploymentFailed", "CallActivity_Rollback", "EndEvent_GoLiveRolledBack")
                .hasNotPassed("Task_InstallAndUpdateModules", "Task_StartOdoo");
        assertThat((String) variable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("Task_RunPreUpdateHooks")
                .contains("hooks.pre-update[0]").contains("exited 3");
        verify(modules, never()).release(any(Target.class), anyString(), anyList(), anyList(), anyString());
        verify(backups).restoreDatabase(eq(sandbox()), anyString());
    }

    @Test
    void aFailingPostUpdateHookRollsBackBeforeOdooStarts() {
        when(hooks.run(any(Target.class), anyString(), anyString(), eq("pre-update"), anyList())).thenReturn(List.of(ran("pre-update", PRE)));
        when(hooks.run(any(Target.class), anyString(), anyString(), eq("post-update"), anyList()))
                .thenThrow(new StepFailedException("hook hooks.post-update[0] (java @/opt/standin/hook.args --row post) exited 4"));
        String id = goLive(WITH_HOOKS);

        assertThat(new HistoricInstance(id)).hasPassed("Task_InstallAndUpdateModules", "BoundaryEvent_DeploymentFailed",
                "CallActivity_Rollback", "EndEvent_GoLiveRolledBack").hasNotPassed("Task_StartOdoo", "CallActivity_ValidateRelease");
        assertThat((String) variable(id, ProcessConstants.VAR_FAILURE_REASON)).contains("Task_RunPostUpdateHooks")
                .contains("hooks.post-update[0]").contains("exited 4");
        verify(backups).restoreDatabase(eq(sandbox()), anyString());
        verify(runtime, never()).startOdoo(sandbox());
    }

    @Test
    void theHooksAreSealedWithTheRelease() {
        // changed after the start, the hooks are not the approved release: the hook task refuses to act and the go-live rolls back
        String id = startGoLive(WITH_HOOKS);
        runtimeService().setVariable(id, ProcessConstants.VAR_RELEASE_HOOKS, "{\"pre-update\":[[\"rm\",\"-rf\",\"/var/lib/odoo\"]]}");
        passReadinessAndSignOffs(id);
        String taskId = engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey(ProcessConstants.TASK_GO_NO_GO)
                .singleResult().getId();
        completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        verify(hooks, never()).run(any(Target.class), anyString(), anyString(), anyString(), anyList());
        assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getEndActivityId())
                .isNotEqualTo("EndEvent_GoLiveCompleted");
    }
}
