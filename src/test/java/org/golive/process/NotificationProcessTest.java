package org.golive.process;

import org.golive.config.Target;
import org.golive.step.ProcessConstants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.golive.step.EvidenceLog;
import org.golive.step.StepFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications inside real go-lives: one webhook is down for good, one (a local HTTP receiver standing in
 * for Slack) works. The go-live must not care about the first, and the second must hear the right things.
 */
class NotificationProcessTest extends ProcessTestSupport {

    private static final List<String> received = new CopyOnWriteArrayList<>();
    // the port application-processtest.yaml gives the "chat" webhook
    private static final int CHAT_PORT = 18799;
    private static final HttpServer chat = startChat();

    @Autowired
    EvidenceLog evidence;

    @BeforeEach
    void forgetWhatWasReceived() {
        received.clear();
    }

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    @AfterAll
    static void stopChat() {
        chat.stop(0);
    }

    @Test
    void aWebhookThatIsDownDoesNotStopTheGoLiveAndIsRecorded() {
        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        ProcessInstance instance = runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(instance).isWaitingAt(ProcessConstants.TASK_GO_NO_GO);
        String taskId = task(instance).getId();
        String goLiveId = (String) runtimeService().getVariable(id, ProcessConstants.VAR_GO_LIVE_ID);

        assertThat(received).anySatisfy(text -> assertThat(text).contains("Go/no-go decision needed",
                "http://golive.example/camunda/app/tasklist/default/#/?task=" + taskId, "group golive-lead"));

        completeGoNoGo("lead", taskId, Map.of("goNoGoDecision", "go", "goNoGoReason", "all gates green"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassedInOrder("Task_AnnounceDeploymentStart", "Task_CheckTargetReachable",
                "UserTask_DecideGoNoGo", "Task_AnnounceGoLive", "EndEvent_GoLiveCompleted");
        List<Map<String, Object>> notified = evidence.entries(goLiveId).stream().filter(e -> "notify".equals(e.get("step"))).toList();
        assertThat(notified).extracting(e -> e.get("event")).contains("deployment-starting", "go-no-go-requested", "go-live-announced");
        assertThat(notified).allSatisfy(e -> assertThat((List<Map<String, Object>>) e.get("channels"))
                .extracting(c -> c.get("channel") + "=" + c.get("result"))
                .containsExactly("webhook:down=failed", "webhook:chat=delivered"));
        assertThat(evidence.entries(goLiveId)).filteredOn(e -> "Task_AnnounceDeploymentStart".equals(e.get("step")))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("result", "done")
                        .containsEntry("delivered", "webhook:chat").containsEntry("failed", "webhook:down"));
        assertThat(evidence.entries(goLiveId).toString()).doesNotContain("t0k3n", "/hooks/");
    }

    @Test
    void aRollbackSendsTheChecklistTemplateWithTheFailure() {
        when(modules.release(any(Target.class), anyString(), anyList(), anyList(), anyString()))
                .thenThrow(new StepFailedException("installing golive_broken: odoo exited 255"));
        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        completeGoNoGo("lead", task(runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult()).getId(),
                Map.of("goNoGoDecision", "go", "goNoGoReason", "ok"));
        runJobs();

        assertThat(new HistoricInstance(id)).hasPassed("CallActivity_Rollback", "EndEvent_GoLiveRolledBack");
        String start = historyService().createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getStartTime()
                .toInstant().toString().substring(0, 10);
        assertThat(received).anySatisfy(text -> assertThat(text).startsWith("*[URGENT] Odoo CE Deployment Rollback Initiated*")
                .contains("- Issue: Task_InstallAndUpdateModules", "exited 255", "- Impact: Odoo on sandbox (release golive/odoo:18.0-2)",
                        "- Expected Resolution: ", "unavailable for approximately 60 minutes", "Data entered since " + start,
                        "Next Update: "));
    }

    @Test
    void anEscalationNamesTheTaskItsTimerIsAttachedTo() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("notification-escalation-test").camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("UserTask_SignOff").name("Sign off UAT").camundaCandidateGroups("golive-release")
                .boundaryEvent("BoundaryEvent_SignOffLate").cancelActivity(false).timerWithDuration("PT1H")
                .serviceTask("Task_EscalateSignOff").camundaDelegateExpression("${notifyDelegate}")
                .camundaInputParameter("event", "escalation").camundaInputParameter("message", "UAT sign-off is late.")
                .endEvent()
                .moveToActivity("UserTask_SignOff").endEvent()
                .done();
        String deployment = repositoryService().createDeployment().addModelInstance("escalation-test.bpmn", model).deploy().getId();
        try {
            ProcessInstance instance = runtimeService().startProcessInstanceByKey("notification-escalation-test",
                    Map.of(ProcessConstants.VAR_GO_LIVE_ID, "escalation-test-0001", ProcessConstants.VAR_ENVIRONMENT, "sandbox"));
            String taskId = task(instance).getId();
            Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult();

            engine.getManagementService().executeJob(timer.getId());

            assertThat(instance).isWaitingAt("UserTask_SignOff");
            assertThat(received).singleElement().satisfies(text -> assertThat(text).contains("ESCALATION: \"Sign off UAT\" still open",
                    "Waiting for: group golive-release", "?task=" + taskId, "UAT sign-off is late."));
            assertThat(evidence.entries("escalation-test-0001")).anySatisfy(e -> assertThat(e)
                    .containsEntry("step", "notify").containsEntry("event", "escalation"));
        } finally {
            repositoryService().deleteDeployment(deployment, true);
        }
    }

    private static HttpServer startChat() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", CHAT_PORT), 0);
            server.createContext("/hooks/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("text").asText());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
