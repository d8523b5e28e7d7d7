package org.golive.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.step.ProcessConstants.END_REHEARSAL_PASSED;
import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE;
import static org.golive.step.ProcessConstants.PROCESS_REHEARSE_RELEASE;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_FAILURE;
import static org.golive.step.ProcessConstants.VAR_REHEARSAL_ODOO_CLI_MILLIS;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.golive.rehearsal.RehearsalHistory.Rehearsal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal record read from a real engine's history: rehearse-release instances are stand-ins of the model (a
 * user task, then the passed or failed end), named as golive names them; go-lives of the same release sit beside them.
 */
class CamundaRehearsalHistoryTest {

    private static final String IMAGE = "golive/odoo";
    private static final String TAG = "18.0-2";

    private static ProcessEngine engine;
    private static int sequence;

    private CamundaRehearsalHistory rehearsals;

    @BeforeAll
    static void startEngine() {
        engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:rehearsal-history;DB_CLOSE_DELAY=-1")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false)
                .buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .addModelInstance(PROCESS_REHEARSE_RELEASE + ".bpmn", model(PROCESS_REHEARSE_RELEASE))
                .addModelInstance(PROCESS_GO_LIVE + ".bpmn", model(PROCESS_GO_LIVE))
                .deploy();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @BeforeEach
    void emptyHistory() {
        engine.getRuntimeService().createProcessInstanceQuery().list()
                .forEach(p -> engine.getRuntimeService().deleteProcessInstance(p.getId(), "test cleanup"));
        engine.getHistoryService().createHistoricProcessInstanceQuery().list()
                .forEach(p -> engine.getHistoryService().deleteHistoricProcessInstance(p.getId()));
        rehearsals = new CamundaRehearsalHistory(engine.getHistoryService());
    }

    @Test
    void lastPassedIsTheNewestPassedRehearsalOfTheSameReleaseAndModules() throws InterruptedException {
        String passed = rehearse("sandbox", TAG, "golive_extra", Outcome.PASSED);
        rehearse("sandbox", TAG, "golive_extra", Outcome.FAILED);
        rehearse("sandbox", TAG, "golive_other", Outcome.PASSED);
        rehearse("sandbox", "18.0-3", "golive_extra", Outcome.PASSED);
        rehearse("sandbox-eu", TAG, "golive_extra", Outcome.PASSED);
        goLive("sandbox", TAG, "golive_extra");

        Optional<Rehearsal> found = rehearsals.lastPassed("sandbox", IMAGE, TAG, List.of("golive_extra"), List.of());

        assertThat(found).isPresent();
        assertThat(found.get().rehearsalId()).isEqualTo(passed);
        assertThat(found.get().passed()).isTrue();
        assertThat(found.get().odooCliMillis()).isEqualTo(4200L);
    }

    @Test
    void latestIsTheNewestRehearsalWhateverItsOutcome() throws InterruptedException {
        rehearse("sandbox", TAG, "golive_extra", Outcome.PASSED);
        String failed = rehearse("sandbox", TAG, "golive_extra", Outcome.FAILED);

        Rehearsal latest = rehearsals.latest("sandbox", IMAGE, TAG, List.of("golive_extra"), List.of()).orElseThrow();

        assertThat(latest.rehearsalId()).isEqualTo(failed);
        assertThat(latest.finished()).isTrue();
        assertThat(latest.passed()).isFalse();
        assertThat(latest.failure()).isEqualTo("golive_extra did not install");
    }

    @Test
    void aRunningRehearsalIsLatestButNotPassed() throws InterruptedException {
        rehearse("sandbox", TAG, "golive_extra", Outcome.PASSED);
        String running = rehearse("sandbox", TAG, "golive_extra", Outcome.RUNNING);

        assertThat(rehearsals.latest("sandbox", IMAGE, TAG, List.of("golive_extra"), List.of()).orElseThrow().finished()).isFalse();
        assertThat(rehearsals.latest("sandbox", IMAGE, TAG, List.of("golive_extra"), List.of()).orElseThrow().rehearsalId()).isEqualTo(running);
        assertThat(rehearsals.lastPassed("sandbox", IMAGE, TAG, List.of("golive_extra"), List.of()).orElseThrow().rehearsalId())
                .isNotEqualTo(running);
    }

    @Test
    void aGoLiveOfTheSameReleaseIsNoRehearsal() throws InterruptedException {
        goLive("sandbox", TAG, "golive_extra");

        assertThat(rehearsals.latest("sandbox", IMAGE, TAG, List.of("golive_extra"), List.of())).isEmpty();
    }

    @Test
    void aMatchBehindMoreThanOnePageOfOtherRehearsalsIsFound() throws InterruptedException {
        String passed = rehearse("sandbox", TAG, "golive_extra", Outcome.PASSED);
        for (int i = 0; i < 130; i++) {
            rehearse("sandbox", TAG, "golive_other_" + i, Outcome.PASSED);
        }

        assertThat(rehearsals.lastPassed("sandbox", IMAGE, TAG, List.of("golive_extra"), List.of()).orElseThrow().rehearsalId())
                .isEqualTo(passed);
    }

    @Test
    void anEnvironmentNameIsMatchedLiterallyNotAsAPattern() throws InterruptedException {
        rehearse("qaX1", TAG, "golive_extra", Outcome.PASSED);

        assertThat(CamundaRehearsalHistory.likePrefix("qa_1%")).isEqualTo("qa\\_1\\%");
        assertThat(rehearsals.latest("qa_1", IMAGE, TAG, List.of("golive_extra"), List.of())).isEmpty();
    }

    private enum Outcome { PASSED, FAILED, RUNNING }

    /** Variables and business key as {@link RehearsalStartListener} sets them; start times one millisecond apart at least. */
    private static String rehearse(String environment, String tag, String install, Outcome outcome) throws InterruptedException {
        String id = environment + "-rehearsal-" + tag + "-20261202T080000Z-" + Integer.toHexString(0x1000 + sequence++);
        Map<String, Object> variables = release(environment, tag, install);
        variables.put(VAR_GO_LIVE_ID, id);
        variables.put(VAR_REHEARSAL_ODOO_CLI_MILLIS, 4200L);
        RuntimeService runtime = engine.getRuntimeService();
        String instance = runtime.startProcessInstanceByKey(PROCESS_REHEARSE_RELEASE, id, variables).getId();
        TaskService tasks = engine.getTaskService();
        if (outcome != Outcome.RUNNING) {
            Map<String, Object> end = new HashMap<>();
            end.put("passed", outcome == Outcome.PASSED);
            if (outcome == Outcome.FAILED) {
                end.put(VAR_REHEARSAL_FAILURE, install + " did not install");
            }
            tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(), end);
        }
        Thread.sleep(2);
        return id;
    }

    private static void goLive(String environment, String tag, String install) {
        engine.getRuntimeService().startProcessInstanceByKey(PROCESS_GO_LIVE, environment + "-" + tag + "-20261202T090000Z-abcd",
                release(environment, tag, install));
    }

    private static Map<String, Object> release(String environment, String tag, String install) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(VAR_ENVIRONMENT, environment);
        variables.put(VAR_IMAGE_REPOSITORY, IMAGE);
        variables.put(VAR_RELEASE_TAG, tag);
        variables.put(VAR_INSTALL_MODULES, install);
        variables.put(VAR_UPDATE_MODULES, "");
        return variables;
    }

    private static BpmnModelInstance model(String key) {
        return Bpmn.createExecutableProcess(key)
                .startEvent()
                .userTask("UserTask_Run")
                .exclusiveGateway()
                .condition("passed", "${passed}").endEvent(END_REHEARSAL_PASSED)
                .moveToLastGateway()
                .condition("failed", "${!passed}").endEvent("EndEvent_RehearsalFailed")
                .done();
    }
}
