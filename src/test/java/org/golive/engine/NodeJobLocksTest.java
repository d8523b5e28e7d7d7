package org.golive.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A restarted node takes back the steps locked in its name, and only those: a lock of another node is
 * that node's running step. The job executor is off here, so that nothing but the test locks a job.
 */
@ActiveProfiles("sandbox")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:golive-node-locks;DB_CLOSE_DELAY=-1",
        "golive.data-dir=target/node-job-locks-test-data",
        "camunda.bpm.job-execution.enabled=false"})
class NodeJobLocksTest {

    @Autowired
    private NodeJobLocks locks;
    @Autowired
    private ProcessEngineConfigurationImpl configuration;
    @Autowired
    private RepositoryService repository;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private ManagementService management;
    @LocalServerPort
    private int port;

    @Test
    void theJobExecutorIsNamedAfterHostAndPortUnlessConfigured() {
        assertThat(configuration.getJobExecutor().getLockOwner()).isEqualTo(NodeJobLocks.nodeId(null, port))
                .endsWith(":" + port).doesNotStartWith(":");
        assertThat(NodeJobLocks.nodeId(" golive-1 ", port)).isEqualTo("golive-1");
        assertThat(NodeJobLocks.nodeId("", 8080)).endsWith(":8080");
    }

    @Test
    void releasesTheLocksOfItsOwnNameOnly() {
        repository.createDeployment().addModelInstance("node-locks.bpmn", Bpmn.createExecutableProcess("node-locks")
                .camundaHistoryTimeToLive(1).startEvent()
                .serviceTask("Task_Step").camundaAsyncBefore().camundaExpression("${true}")
                .endEvent().done()).deploy();
        String mine = runtime.startProcessInstanceByKey("node-locks").getId();
        String theirs = runtime.startProcessInstanceByKey("node-locks").getId();
        String free = runtime.startProcessInstanceByKey("node-locks").getId();
        lock(mine, "golive-a:8080");
        lock(theirs, "golive-b:8080");

        List<String> released = locks.releaseLocksOf("golive-a:8080");

        assertThat(released).containsExactly("Task_Step");
        assertThat(job(mine).getLockOwner()).isNull();
        assertThat(job(mine).getLockExpirationTime()).isNull();
        assertThat(job(theirs).getLockOwner()).isEqualTo("golive-b:8080");
        assertThat(job(free).getLockOwner()).isNull();
        assertThat(management.createJobQuery().acquired().count()).isEqualTo(1);
        assertThat(locks.releaseLocksOf("golive-a:8080")).as("nothing left in that name").isEmpty();
    }

    private void lock(String processInstanceId, String owner) {
        String jobId = management.createJobQuery().processInstanceId(processInstanceId).singleResult().getId();
        configuration.getCommandExecutorTxRequired().execute(context -> {
            JobEntity job = context.getJobManager().findJobById(jobId);
            job.setLockOwner(owner);
            job.setLockExpirationTime(new Date(System.currentTimeMillis() + 45 * 60_000));
            return null;
        });
    }

    private JobEntity job(String processInstanceId) {
        return (JobEntity) management.createJobQuery().processInstanceId(processInstanceId).singleResult();
    }
}
