package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.golive.config.Target;
import org.golive.modules.ModuleDeploymentService.CliRun;
import org.golive.modules.ModuleDeploymentService.Report;
import org.golive.rehearsal.ScratchCopy;
import org.golive.step.ProcessConstants;
import org.golive.step.StepFailedException;
import org.golive.hooks.ReleaseHookService;
import org.golive.hooks.ReleaseHookService.HookRun;
import org.golive.manifest.ReleaseHooks;
import org.mockito.InOrder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** rehearse-release's paths with Docker, PostgreSQL and Odoo mocked: a pass, a failing module (cleanup still runs), a refused start. */
class RehearseReleaseProcessTest extends ProcessTestSupport {

    /** Module lists of their own: other process tests' go-lives of sandbox (same engine database) must not match it. */
    private static final String REHEARSED = """
            image: golive/odoo
            tag: "18.0-2"
            environment: sandbox
            install: [golive_extra, golive_rehearsed]
            update: []
            """;

    /** Mocked here only: the go-live's own process tests run the real service on releases without hooks. */
    @MockitoBean
    ReleaseHookService hooks;

    @BeforeEach
    void happyScratchCopy() {
        when(rehearsals.scratch(any(Target.class), anyString()))
                .thenAnswer(call -> ScratchCopy.of(call.getArgument(0), call.getArgument(1), Path.of("/tmp/golive-process-test")));
        when(rehearsals.copy(any(Target.class), anyString())).thenReturn(Map.of("backupId", "nightly"));
        when(rehearsals.neutralize(any(Target.class), anyString(), anyString())).thenReturn(Map.of("neutralizedBy", "odoo neutralize"));
        when(rehearsals.start(any(Target.class), anyString(), anyString(), anyInt())).thenReturn(Duration.ofMillis(1800));
        when(rehearsals.drop(any(Target.class), anyString())).thenReturn(List.of("database golive_sandbox_rehearsal_x"));
        when(modules.release(any(Target.class), anyString(), anyList(), anyList(), anyString())).thenReturn(new Report(
                List.of(new CliRun(List.of("odoo"), 0, 4200, List.of("golive_extra"))), Map.of(), Map.of(), List.of()));
        when(validation.run(any(), any(Target.class), anyList())).thenReturn(Map.of("status", 200));
    }

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    @Test
    void aGoodReleasePassesRecordsItsOdooCliTimeAndDropsTheCopy() {
        HistoricProcessInstance done = rehearse(REHEARSED);
        assertThat(done.getEndActivityId()).isEqualTo(ProcessConstants.END_REHEARSAL_PASSED);
        assertThat(variable(done, ProcessConstants.VAR_REHEARSAL_ODOO_CLI_MILLIS)).isEqualTo(4200L);
        assertThat(variable(done, ProcessConstants.VAR_REHEARSAL_START_MILLIS)).isEqualTo(1800L);
        verify(rehearsals, times(1)).drop(any(Target.class), eq(done.getBusinessKey()));
    }

    @Test
    void aFailingModuleFailsTheRehearsalAndTheCopyIsStillDropped() {
        when(modules.release(any(Target.class), anyString(), anyList(), anyList(), anyString()))
                .thenThrow(new StepFailedException("installing golive_rehearsed: odoo exited 255\nERROR module golive_rehearsed"));
        HistoricProcessInstance done = rehearse(REHEARSED);
        assertThat(done.getEndActivityId()).isEqualTo(ProcessConstants.END_REHEARSAL_FAILED);
        assertThat(variable(done, ProcessConstants.VAR_REHEARSAL_FAILURE)).asString()
                .contains("Task_RunModulesOnCopy").contains("installing golive_rehearsed").contains("ERROR module golive_rehearsed");
        verify(rehearsals, times(1)).drop(any(Target.class), eq(done.getBusinessKey()));
        verify(rehearsals, never()).start(any(Target.class), anyString(), anyString(), anyInt());
    }

    @Test
    void theReleasesHooksRunAroundTheModuleRunOnTheCopyAndAFailingOneFailsTheRehearsal() {
        when(hooks.run(any(Target.class), anyString(), anyString(), eq(ReleaseHooks.PRE_UPDATE), anyList()))
                .thenReturn(List.of(new HookRun(ReleaseHooks.PRE_UPDATE, 0, List.of("fix-data"), ReleaseHookService.RAN, 0, 5, "ok")));
        when(hooks.run(any(Target.class), anyString(), anyString(), eq(ReleaseHooks.POST_UPDATE), anyList()))
                .thenThrow(new StepFailedException("hook hooks.post-update[0] (check-data) exited 3"));
        HistoricProcessInstance done = rehearse(REHEARSED.replace("update: []\n", """
                update: []
                hooks:
                  pre-update:
                    - ["fix-data"]
                  post-update:
                    - ["check-data"]
                """));

        assertThat(done.getEndActivityId()).isEqualTo(ProcessConstants.END_REHEARSAL_FAILED);
        assertThat(variable(done, ProcessConstants.VAR_REHEARSAL_FAILURE)).asString().contains("hooks.post-update[0]").contains("exited 3");
        InOrder order = inOrder(hooks, modules);
        order.verify(hooks).run(any(Target.class), eq("golive/odoo:18.0-2"), eq(done.getBusinessKey()), eq(ReleaseHooks.PRE_UPDATE),
                eq(List.of(List.of("fix-data"))));
        order.verify(modules).release(any(Target.class), anyString(), anyList(), anyList(), anyString());
        order.verify(hooks).run(any(Target.class), anyString(), anyString(), eq(ReleaseHooks.POST_UPDATE), eq(List.of(List.of("check-data"))));
        verify(rehearsals, times(1)).drop(any(Target.class), eq(done.getBusinessKey()));
        verify(rehearsals, never()).start(any(Target.class), anyString(), anyString(), anyInt());
    }

    @Test
    void aRehearsalTakesNoEnvironmentLock() {
        HistoricProcessInstance done = rehearse(REHEARSED);
        assertThat(done.getEndActivityId()).isEqualTo(ProcessConstants.END_REHEARSAL_PASSED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM golive_environment_lock", Integer.class)).isZero();
    }

    @Test
    void aManifestWithoutTagIsRefusedNamingTheFieldAndNothingStarts() {
        long before = historyService().createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_REHEARSE_RELEASE).count();
        ResponseEntity<Map> refused = post("release", "/api/rehearsals", "application/yaml", "image: golive/odoo\nenvironment: sandbox\n");
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(refused.getBody())).contains("field=tag");
        assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_REHEARSE_RELEASE).count())
                .isEqualTo(before);
    }

    @Test
    void onlyReleaseManagersStartRehearsals() {
        ResponseEntity<Map> refused = post("lead", "/api/rehearsals", "application/yaml", REHEARSED);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void theGoNoGoFormTakesTheDowntimeFromTheLastPassedRehearsalOfTheRelease() {
        HistoricProcessInstance rehearsal = rehearse(REHEARSED);
        String goLive = startGoLive(REHEARSED);
        passReadinessAndSignOffs(goLive);
        String downtime = taskService().getVariable(openTask(goLive, ProcessConstants.TASK_GO_NO_GO).getId(),
                ProcessConstants.VAR_BRIEFING_DOWNTIME).toString();
        assertThat(downtime).startsWith("about 6.0 s").contains(rehearsal.getBusinessKey())
                .contains("Odoo CLI run at 4.2 s").contains("(source: rehearsal)");
    }

    private HistoricProcessInstance rehearse(String manifest) {
        ResponseEntity<Map> started = post("release", "/api/rehearsals", "application/yaml", manifest);
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(201);
        String id = (String) started.getBody().get("processInstanceId");
        runJobs();
        return historyService().createHistoricProcessInstanceQuery().processInstanceId(id).finished().singleResult();
    }

    private static Object variable(HistoricProcessInstance instance, String name) {
        HistoricVariableInstance variable = historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }
}
