package org.golive.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The job executor as golive runs it, with idle polling slowed to a minute: whatever finishes within
 * seconds here was started by a hint, not found by a poll.
 */
@ActiveProfiles("sandbox")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:golive-prompt-jobs;DB_CLOSE_DELAY=-1",
        "golive.data-dir=target/prompt-job-test-data",
        "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.wait-time-in-millis=60000",
        "camunda.bpm.job-execution.max-wait=60000"})
class PromptJobExecutionTest {

    private static final Duration WELL_BEFORE_THE_NEXT_POLL = Duration.ofSeconds(20);

    @Autowired
    private ProcessEngineConfigurationImpl configuration;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private HistoryService history;

    @Test
    void theEngineUsesThePromptJobManager() {
        assertThat(configuration.getSessionFactories().get(JobManager.class).openSession())
                .isInstanceOf(PromptJobManager.class);
    }

    @Test
    void aTimerFiresWhenDueNotAtTheNextPoll() throws InterruptedException {
        deploy(Bpmn.createExecutableProcess("prompt-timer").camundaHistoryTimeToLive(1)
                .startEvent()
                .intermediateCatchEvent().timerWithDuration("PT1S")
                .serviceTask().camundaAsyncBefore().camundaExpression("${true}")
                .endEvent()
                .done());
        Instant started = Instant.now();
        String id = runtime.startProcessInstanceByKey("prompt-timer").getId();

        HistoricProcessInstance done = awaitEnd(id);

        assertThat(done.getEndTime()).as("the timer fired within seconds, although the next poll is a minute away")
                .isNotNull();
        assertThat(Duration.between(started, done.getEndTime().toInstant())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void stepsContinueThroughACalledInstanceAndBack() throws InterruptedException {
        deploy(Bpmn.createExecutableProcess("prompt-child").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Child").camundaAsyncBefore().camundaExpression("${true}")
                .endEvent()
                .done());
        deploy(Bpmn.createExecutableProcess("prompt-parent").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Before").camundaAsyncBefore().camundaExpression("${true}")
                .callActivity("CallActivity_Child").calledElement("prompt-child")
                .serviceTask("Task_After").camundaAsyncBefore().camundaExpression("${true}")
                .endEvent()
                .done());
        String id = runtime.startProcessInstanceByKey("prompt-parent").getId();

        assertThat(awaitEnd(id).getEndTime()).isNotNull();
        assertThat(history.createHistoricActivityInstanceQuery().activityId("Task_Child").finished().count()).isEqualTo(1);
    }

    @Test
    void jobsOfOneProcessHierarchyCountAsOneInstance() {
        PromptJobManager manager = new PromptJobManager(new TimerWakeUps());
        MessageEntity parent = job("parent", "parent");
        MessageEntity child = job("child", "parent");
        MessageEntity other = job("other", "other");

        assertThat(manager.areInSameProcessInstance(parent, child)).isTrue();
        assertThat(manager.areInSameProcessInstance(child, parent)).isTrue();
        assertThat(manager.areInSameProcessInstance(parent, other)).isFalse();
        assertThat(manager.areInSameProcessInstance(parent, job("no-root", null))).isFalse();
        assertThat(manager.areInSameProcessInstance(parent, null)).isFalse();
    }

    private static MessageEntity job(String processInstanceId, String rootProcessInstanceId) {
        MessageEntity job = new MessageEntity();
        job.setProcessInstanceId(processInstanceId);
        job.setRootProcessInstanceId(rootProcessInstanceId);
        return job;
    }

    private void deploy(BpmnModelInstance model) {
        String key = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId();
        repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy();
    }

    private HistoricProcessInstance awaitEnd(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(WELL_BEFORE_THE_NEXT_POLL);
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        while (instance.getEndTime() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            instance = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        }
        return instance;
    }
}
