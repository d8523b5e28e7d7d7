package org.golive.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The heartbeat on the embedded engine database (H2), with a 3 s lock extended every second: a step that runs
 * three locks long keeps its lock all along, and a job locked in this node's name that no thread runs is left
 * to run out.
 */
@ActiveProfiles("sandbox")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:golive-lock-heartbeat;DB_CLOSE_DELAY=-1",
        "golive.data-dir=target/lock-heartbeat-test-data",
        "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.lock-time-in-millis=3000",
        "golive.steps.lock-heartbeat=1s"})
@Import(JobLockHeartbeatTest.SlowStepConfiguration.class)
class JobLockHeartbeatTest {

    private static final long LOCK_MILLIS = 3000;

    /** A step that runs until the test releases it. */
    public static class SlowStep {
        volatile CountDownLatch started = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();

        public boolean run() throws InterruptedException {
            runs.incrementAndGet();
            started.countDown();
            return release.await(1, TimeUnit.MINUTES);
        }
    }

    @TestConfiguration
    static class SlowStepConfiguration {
        @Bean("slowStep")
        SlowStep slowStep() {
            return new SlowStep();
        }
    }

    @Autowired
    private SlowStep slowStep;
    @Autowired
    private ProcessEngineConfigurationImpl configuration;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private ManagementService management;
    @Autowired
    private HistoryService history;

    @BeforeEach
    void arm() {
        slowStep.started = new CountDownLatch(1);
        slowStep.release = new CountDownLatch(1);
        slowStep.runs.set(0);
    }

    @AfterEach
    void release() {
        slowStep.release.countDown();
    }

    @Test
    void aStepRunningLongerThanItsLockKeepsIt() throws Exception {
        repository.createDeployment().addModelInstance("slow-step.bpmn", Bpmn.createExecutableProcess("slow-step")
                .camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("Task_Slow").camundaAsyncBefore().camundaExpression("${slowStep.run()}")
                .endEvent().done()).deploy();
        String id = runtime.startProcessInstanceByKey("slow-step").getId();
        assertThat(slowStep.started.await(30, TimeUnit.SECONDS)).as("the step started").isTrue();
        JobEntity acquired = job(id);
        String owner = configuration.getJobExecutor().getLockOwner();
        assertThat(acquired.getLockOwner()).isEqualTo(owner);
        Date firstExpiry = acquired.getLockExpirationTime();

        // three locks long: without the heartbeat the lock would have run out twice
        Instant end = Instant.now().plusMillis(3 * LOCK_MILLIS);
        while (Instant.now().isBefore(end)) {
            JobEntity now = job(id);
            assertThat(now.getLockOwner()).isEqualTo(owner);
            assertThat(now.getLockExpirationTime()).as("still locked ahead").isAfter(new Date());
            Thread.sleep(200);
        }
        assertThat(job(id).getLockExpirationTime()).as("pushed forward")
                .isAfter(new Date(firstExpiry.getTime() + 2 * LOCK_MILLIS));
        assertThat(slowStep.runs).as("not started a second time: its lock never ran out").hasValue(1);

        slowStep.release.countDown();
        awaitEnded(id);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).activityId("Task_Slow").finished().count())
                .isEqualTo(1);
    }

    @Test
    void aJobLockedInThisNameThatNoThreadRunsIsLeftToRunOut() throws Exception {
        // due in an hour: the job executor does not acquire it; locked here as if left from a handed-over batch
        repository.createDeployment().addModelInstance("idle-lock.bpmn", Bpmn.createExecutableProcess("idle-lock")
                .camundaHistoryTimeToLive(1).startEvent()
                .intermediateCatchEvent("Timer_Later").timerWithDuration("PT1H")
                .endEvent().done()).deploy();
        String id = runtime.startProcessInstanceByKey("idle-lock").getId();
        String jobId = management.createJobQuery().processInstanceId(id).singleResult().getId();
        Date expiry = new Date(System.currentTimeMillis() + LOCK_MILLIS);
        configuration.getCommandExecutorTxRequired().execute(context -> {
            JobEntity job = context.getJobManager().findJobById(jobId);
            job.setLockOwner(configuration.getJobExecutor().getLockOwner());
            job.setLockExpirationTime(expiry);
            return null;
        });

        Thread.sleep(2 * LOCK_MILLIS);

        assertThat(job(id).getLockExpirationTime()).as("not extended").hasSameTimeAs(expiry).isBefore(new Date());
    }

    private JobEntity job(String processInstanceId) {
        return (JobEntity) management.createJobQuery().processInstanceId(processInstanceId).singleResult();
    }

    private void awaitEnded(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 0) {
            assertThat(Instant.now()).as("instance ended").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
