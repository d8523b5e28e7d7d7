package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.ENV;
import static org.golive.it.ItStack.PREVIOUS;
import static org.golive.it.ItStack.RELEASE;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.deploy.ContainerService;
import org.golive.readiness.AttestationItems;
import org.golive.signoff.SignOffRole;
import org.golive.odoo.OdooHttpProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.junit.jupiter.api.TestInstance;

/**
 * A go-live as real users run it, for the ITs that follow one go-live and then check one behaviour per test method: a
 * release manager starts through the REST API, a golive-lead decides through the engine REST API (what Tasklist
 * calls), the job executor does the rest on the real stack.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GoLiveJourney {

    @Autowired
    ItStack stack;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    ContainerService containers;
    @Autowired
    BackupService backups;
    @Autowired
    OdooHttpProbe probe;

    String start(String manifest) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("release", "demo");
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        ResponseEntity<Map> response = rest.postForEntity("/api/go-lives", new HttpEntity<>(manifest, headers), Map.class);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        return (String) response.getBody().get("processInstanceId");
    }

    /** A backup of golive_it taken now through the REST API, as an operator would before the readiness check. */
    BackupRecord backUpNow() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("ops", "demo");
        headers.set("X-Requested-By", "golive-it");
        ResponseEntity<BackupRecord> response = rest.postForEntity("/api/environments/" + ENV + "/backups", new HttpEntity<>(headers),
                BackupRecord.class);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        return response.getBody();
    }

    Task awaitTask(String businessKey, String taskDefinitionKey, String candidateGroup) throws InterruptedException {
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
        throw new AssertionError("no task " + taskDefinitionKey + "/" + candidateGroup + " for " + businessKey + "; open tasks: "
                + tasks.createTaskQuery().processInstanceBusinessKey(businessKey).list().stream().map(Task::getTaskDefinitionKey).toList());
    }

    void submit(String user, Task task, String variablesJson) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = rest.postForEntity("/engine-rest/task/" + task.getId() + "/submit-form",
                new HttpEntity<>("{\"variables\":{" + variablesJson + "}}", headers), String.class);
        assertThat(response.getStatusCode().value()).as("%s %s", task.getTaskDefinitionKey(), response.getBody()).isEqualTo(204);
    }

    /** The lead attests the manual items and accepts the inconclusive staging gate; every role signs off. */
    void passReadinessAndSignOffs(String processInstanceId) throws InterruptedException {
        String businessKey = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getBusinessKey();
        String attested = AttestationItems.ALL.stream().map(item -> "\"" + item.attestField() + "\":{\"value\":true,\"type\":\"Boolean\"}")
                .collect(java.util.stream.Collectors.joining(","));
        submit("lead", awaitTask(businessKey, "UserTask_AttestReadiness", null), attested);
        submit("lead", awaitTask(businessKey, "UserTask_ReviewInconclusiveGates", null),
                "\"gateReviewDecision\":{\"value\":\"accept\"},\"gateReviewReason\":{\"value\":\"no staging environment in this test stack\"}");
        for (SignOffRole role : SignOffRole.values()) {
            submit(role.demoUser(), awaitTask(businessKey, null, role.group()), "\"signOffDecision\":{\"value\":\"approve\"}");
        }
    }

    void decide(String processInstanceId, String decision, String reason) throws InterruptedException {
        Task task = null;
        Instant deadline = Instant.now().plusSeconds(60);
        while (task == null && Instant.now().isBefore(deadline)) {
            task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskCandidateGroup("golive-lead").singleResult();
            if (task == null) {
                assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count())
                        .as("ended before go/no-go: %s", history.createHistoricVariableInstanceQuery()
                                .processInstanceId(processInstanceId).variableName("failureReason").list())
                        .isZero();
                Thread.sleep(200);
            }
        }
        assertThat(task).as("go/no-go task").isNotNull();
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("lead", "demo");
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"variables\":{\"goNoGoDecision\":{\"value\":\"" + decision + "\"},\"goNoGoReason\":{\"value\":\"" + reason + "\"}}}";
        ResponseEntity<String> response = rest.postForEntity("/engine-rest/task/" + task.getId() + "/submit-form",
                new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(204);
    }

    HistoricProcessInstance awaitEnd(String processInstanceId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                    .finished().singleResult();
            if (instance != null) {
                return instance;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("go-live did not end within " + timeout + "; incidents: "
                + history.createHistoricIncidentQuery().list().stream().map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList());
    }

    String calledInstance(String processInstanceId, String processKey) {
        return history.createHistoricProcessInstanceQuery().superProcessInstanceId(processInstanceId)
                .processDefinitionKey(processKey).singleResult().getId();
    }

    Object variable(String processInstanceId, String name) {
        var variable = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    /** The database password is read from its file at use; it must not show up anywhere in history. */
    void assertNoSecretsInHistory() throws Exception {
        String password = java.nio.file.Files.readString(Path.of(System.getenv().getOrDefault("GOLIVE_STACK_DIR", "/var/lib/golive-stack"),
                "secrets", "odoo-db-password")).strip();
        assertThat(password).isNotBlank();
        List<String> values = history.createHistoricVariableInstanceQuery().list().stream()
                .map(v -> v.getName() + "=" + v.getValue()).toList();
        assertThat(values).noneMatch(v -> v.contains(password));
        List<String> details = history.createHistoricDetailQuery().list().stream()
                .map(Object::toString).toList();
        assertThat(details).noneMatch(v -> v.contains(password));
    }
}
