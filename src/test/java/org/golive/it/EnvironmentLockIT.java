package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.ENV;
import static org.golive.it.ItStack.RELEASE;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.deploy.ContainerService;
import org.golive.deploy.OdooRuntimeService;
import org.golive.readiness.AttestationItems;
import org.golive.signoff.SignOffRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Two go-lives on one environment, both approved, on the real stack: the second is refused while the first holds
 * the environment; once the first is live, the second runs and fails its install. The environment ends on the
 * release the records call live, and the second's rollback restores a backup taken after that release went live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
class EnvironmentLockIT {

    private static final String FIRST = """
            image: golive/odoo
            tag: "18.0-2"
            environment: it
            update: [golive_demo]
            notes: first of two
            """;
    private static final String SECOND = """
            image: golive/odoo
            tag: "18.0-2"
            environment: it
            install: [golive_broken]
            notes: second of two
            """;

    @Autowired
    ItStack stack;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ContainerService containers;
    @Autowired
    BackupService backups;

    @Test
    void twoGoLivesOnOneEnvironmentRunOneAfterTheOtherAndTheRecordsSayWhatIsLive() throws Exception {
        stack.reset();
        backUpNow();
        Instant began = Instant.now();
        String first = (String) start(FIRST).getBody().get("processInstanceId");
        String firstId = businessKey(first);

        ResponseEntity<Map> refused = start(SECOND);
        ResponseEntity<Map> refusedByEngineRest = post("release", "/engine-rest/process-definition/key/go-live/start", "application/json",
                "{\"variables\":{\"manifestYaml\":{\"value\":\"" + SECOND.replace("\"", "\\\"").replace("\n", "\\n") + "\"}}}");
        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(409);
        assertThat((String) refused.getBody().get("error")).startsWith("environment it is held by go-live " + firstId + " since ");
        assertThat(refusedByEngineRest.getStatusCode().value()).as("%s", refusedByEngineRest.getBody()).isEqualTo(409);
        assertThat((String) refusedByEngineRest.getBody().get("message")).contains("held by go-live " + firstId);
        assertThat(goLivesSince(began)).as("the refused starts left nothing").containsExactly(first);

        passReadinessAndSignOffs(firstId);
        decide(first, "go", "first release approved");
        HistoricProcessInstance firstDone = awaitEnd(first);
        assertThat(firstDone.getEndActivityId()).isEqualTo("EndEvent_GoLiveCompleted");
        assertThat(lock()).containsEntry("held", false);

        ResponseEntity<Map> second = start(SECOND);
        assertThat(second.getStatusCode().value()).as("%s", second.getBody()).isEqualTo(201);
        String secondInstance = (String) second.getBody().get("processInstanceId");
        String secondId = (String) second.getBody().get("id");
        passReadinessAndSignOffs(secondId);
        decide(secondInstance, "go", "second release approved");
        HistoricProcessInstance secondDone = awaitEnd(secondInstance);
        assertThat(secondDone.getEndActivityId()).isEqualTo("EndEvent_GoLiveRolledBack");
        assertThat(lock()).containsEntry("held", false);

        // the records: the first shipped and is live, the second rolled back
        assertThat(EvidenceDocumentsFetch.whatShipped(rest, firstId)).contains("**completed**").contains("`" + RELEASE + "`");
        assertThat(EvidenceDocumentsFetch.whatShipped(rest, secondId)).contains("**rolled back**");
        // the environment: the first go-live's container serves
        var serving = containers.find(stack.target().dockerHost(), stack.target().container().name()).orElseThrow();
        assertThat(serving.running()).isTrue();
        assertThat(serving.image()).isEqualTo(RELEASE);
        assertThat(serving.labels()).containsEntry(OdooRuntimeService.LABEL_GO_LIVE, firstId).containsEntry("org.golive.release", "18.0-2");
        // every rollback since restored a backup of the live release, taken after it went live
        Instant wentLive = ((Date) variable(first, "wentLiveAt")).toInstant();
        List<HistoricProcessInstance> rollbacks = history.createHistoricProcessInstanceQuery().processDefinitionKey("rollback")
                .startedAfter(Date.from(began)).list();
        assertThat(rollbacks).extracting(HistoricProcessInstance::getBusinessKey).containsExactly(secondId);
        for (HistoricProcessInstance rollback : rollbacks) {
            BackupRecord restored = backups.find(ENV, (String) variable(rollback.getId(), "backupId")).orElseThrow();
            assertThat(restored.runningImage()).as("image running when %s was taken", restored.id()).isEqualTo(RELEASE);
            assertThat(restored.createdAt()).as("backup %s", restored.id()).isAfter(wentLive);
        }
        // the first go-live's follow-up goes on: its release is the live one
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("post-go-live").processInstanceBusinessKey(firstId).count())
                .isOne();
    }

    private ResponseEntity<Map> start(String manifest) {
        return post("release", "/api/go-lives", "application/yaml", manifest);
    }

    private ResponseEntity<Map> post(String user, String path, String type, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        headers.setContentType(MediaType.parseMediaType(type));
        return rest.postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    private Map<String, Object> lock() {
        return rest.withBasicAuth("release", "demo").getForObject("/api/environments/" + ENV + "/lock", Map.class);
    }

    private void backUpNow() {
        ResponseEntity<Map> response = post("ops", "/api/environments/" + ENV + "/backups", "application/json", "");
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
    }

    private List<String> goLivesSince(Instant began) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("go-live").startedAfter(Date.from(began)).list()
                .stream().map(HistoricProcessInstance::getId).toList();
    }

    private String businessKey(String processInstanceId) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getBusinessKey();
    }

    /** The lead attests and accepts the inconclusive staging gate; every role signs off. */
    private void passReadinessAndSignOffs(String businessKey) throws InterruptedException {
        String attested = AttestationItems.ALL.stream().map(item -> "\"" + item.attestField() + "\":{\"value\":true,\"type\":\"Boolean\"}")
                .collect(Collectors.joining(","));
        submit("lead", awaitTask(businessKey, "UserTask_AttestReadiness", null), attested);
        submit("lead", awaitTask(businessKey, "UserTask_ReviewInconclusiveGates", null),
                "\"gateReviewDecision\":{\"value\":\"accept\"},\"gateReviewReason\":{\"value\":\"no staging environment in this test stack\"}");
        for (SignOffRole role : SignOffRole.values()) {
            submit(role.demoUser(), awaitTask(businessKey, null, role.group()), "\"signOffDecision\":{\"value\":\"approve\"}");
        }
    }

    private void decide(String processInstanceId, String decision, String reason) throws InterruptedException {
        Task task = awaitTask(businessKey(processInstanceId), "UserTask_DecideGoNoGo", null);
        submit("lead", task, "\"goNoGoDecision\":{\"value\":\"" + decision + "\"},\"goNoGoReason\":{\"value\":\"" + reason + "\"}");
    }

    private Task awaitTask(String businessKey, String taskDefinitionKey, String candidateGroup) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            var query = tasks.createTaskQuery().processInstanceBusinessKey(businessKey);
            if (taskDefinitionKey != null) {
                query.taskDefinitionKey(taskDefinitionKey);
            }
            if (candidateGroup != null) {
                query.taskCandidateGroup(candidateGroup);
            }
            Task task = query.singleResult();
            if (task != null) {
                return task;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no task " + taskDefinitionKey + "/" + candidateGroup + " for " + businessKey + "; open: "
                + tasks.createTaskQuery().processInstanceBusinessKey(businessKey).list().stream().map(Task::getTaskDefinitionKey).toList());
    }

    private void submit(String user, Task task, String variablesJson) {
        ResponseEntity<Map> response = post(user, "/engine-rest/task/" + task.getId() + "/submit-form", "application/json",
                "{\"variables\":{" + variablesJson + "}}");
        assertThat(response.getStatusCode().value()).as("%s %s", task.getTaskDefinitionKey(), response.getBody()).isEqualTo(204);
    }

    private HistoricProcessInstance awaitEnd(String processInstanceId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                    .finished().singleResult();
            if (instance != null) {
                return instance;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("go-live did not end in time; incidents: " + history.createHistoricIncidentQuery().list().stream()
                .map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList());
    }

    private Object variable(String processInstanceId, String name) {
        var variable = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }
}
