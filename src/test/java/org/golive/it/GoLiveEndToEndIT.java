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
import org.junit.jupiter.api.BeforeEach;
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
 * Go-lives as real users run them: a release manager starts through the REST API, a golive-lead decides
 * through the engine REST API (what Tasklist calls), the job executor does the rest on the real stack.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
class GoLiveEndToEndIT {

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

    @BeforeEach
    void freshEnvironment() throws Exception {
        stack.reset();
    }

    @Test
    void goLiveShipsTheReleaseTag() throws Exception {
        BackupRecord nightly = backUpNow();
        String id = start("""
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                install: [golive_extra]
                update: [golive_demo]
                notes: end-to-end
                """);
        passReadinessAndSignOffs(id);
        decide(id, "go", "all gates green");
        HistoricProcessInstance done = awaitEnd(id, Duration.ofMinutes(5));

        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_GoLiveCompleted");
        var container = containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow();
        assertThat(container.image()).isEqualTo(RELEASE);
        assertThat(container.running()).isTrue();
        assertThat(container.labels()).containsEntry("org.golive.release", "18.0-2");
        assertThat(stack.moduleState("golive_extra")).isEqualTo("installed 18.0.1.0.0");
        assertThat(stack.moduleState("golive_demo")).isEqualTo("installed 18.0.1.1.0");
        assertThat(probe.healthy(stack.target().odooUrl())).isTrue();

        BackupRecord backup = backups.find(ENV, done.getBusinessKey()).orElseThrow();
        assertThat(backups.tocEntries(Path.of(backup.dumpFile()))).isEqualTo(backup.dumpTocEntries()).isPositive();
        assertThat(backup.runningImage()).isEqualTo(PREVIOUS);
        assertThat(variable(id, "backupSha256")).isEqualTo(backup.dumpSha256());
        assertThat(variable(id, "goNoGoDecidedBy")).isEqualTo("lead");
        assertThat(variable(id, "moduleVersionsAfter")).asString().contains("golive_demo=18.0.1.1.0");

        // the previous container is kept, stopped, for a rollback
        var kept = containers.find(stack.target().dockerHost(), "golive-it-odoo-previous-" + done.getBusinessKey()).orElseThrow();
        assertThat(kept.image()).isEqualTo(PREVIOUS);
        assertThat(kept.running()).isFalse();
        assertNoSecretsInHistory();

        // readiness really test-restored the backup taken before, and staging (absent here) went to a person;
        // the gate results stay in the readiness instance, go-live gets its outcome
        String readiness = calledInstance(id, "check-readiness");
        assertThat(variable(readiness, "gate_backupRestore")).isEqualTo("pass");
        assertThat(variable(readiness, "gate_imageTag")).isEqualTo("pass");
        assertThat(variable(readiness, "gate_odooConfig")).isEqualTo("pass");
        assertThat(variable(readiness, "gate_runtime")).isEqualTo("pass");
        assertThat(variable(readiness, "gate_stagingHistory")).isEqualTo("inconclusive");
        assertThat(variable(readiness, "gateReviewedBy")).isEqualTo("lead");
        assertThat(variable(id, "readinessOutcome")).isEqualTo("ready");

        // the evidence documents carry the real values: tag, image digest, module versions read from the database, checksum
        String imageDigest = containers.imageId(stack.target().dockerHost(), RELEASE).orElseThrow();
        String shipped = EvidenceDocumentsFetch.whatShipped(rest, done.getBusinessKey());
        assertThat(shipped).contains("| Release | `golive/odoo:18.0-2` |")
                .contains("| Image digest | `" + imageDigest + "` |")
                .contains("| `golive_demo` | update | `18.0.1.0.0` | `18.0.1.1.0` |")
                .contains("`golive_extra` | install |")
                .contains(backup.dumpSha256())
                .contains("**completed**")
                .contains("| lead |").contains("| finance |");
        String manifest = EvidenceDocumentsFetch.goLiveManifest(rest, done.getBusinessKey());
        assertThat(manifest).contains("| Dump SHA-256 | `" + backup.dumpSha256() + "` |")
                .contains(nightly.id())
                .contains("`Task_InstallModules`: done")
                .contains("18.0-2");
        assertThat(variable(id, "whatShipped")).as("in Cockpit as a file variable").isNotNull();
    }

    @Test
    void failedInstallRollsBackToThePreDeployDatabaseAndContainer() throws Exception {
        backUpNow();
        Map<String, String> before = stack.tableChecksums();
        String id = start("""
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                install: [golive_extra, golive_broken]
                update: [golive_demo]
                """);
        passReadinessAndSignOffs(id);
        decide(id, "go", "try it");
        HistoricProcessInstance done = awaitEnd(id, Duration.ofMinutes(5));

        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_GoLiveRolledBack");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).activityId("Task_InstallModules").count())
                .as("a failed install is a business outcome: no retries").isEqualTo(1);
        assertThat(variable(id, "failureReason")).asString().contains("Task_InstallModules").contains("golive_broken").contains("255");
        // golive_extra got installed before golive_broken failed: the restore must take it away again
        assertThat(stack.tableChecksums()).isEqualTo(before);
        assertThat(stack.moduleState("golive_extra")).isEqualTo("unknown");
        var serving = containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow();
        assertThat(serving.image()).isEqualTo(PREVIOUS);
        assertThat(serving.running()).isTrue();
        assertThat(probe.get(stack.target().odooUrl(), "/web/login?db=golive_it").status()).isEqualTo(200);
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo-failed-" + done.getBusinessKey())).get()
                .satisfies(c -> assertThat(c.image()).isEqualTo(RELEASE));
        assertNoSecretsInHistory();
    }

    @Test
    void noGoChangesNothing() throws Exception {
        backUpNow();
        Map<String, String> before = stack.tableChecksums();
        String id = start("image: golive/odoo\ntag: \"18.0-2\"\nenvironment: it\ninstall: [golive_extra]\n");
        passReadinessAndSignOffs(id);
        decide(id, "no-go", "UAT not signed off");
        HistoricProcessInstance done = awaitEnd(id, Duration.ofMinutes(1));

        assertThat(done.getEndActivityId()).isEqualTo("EndEvent_GoLiveStopped");
        assertThat(variable(id, "goLiveOutcome")).isEqualTo("no-go");
        assertThat(stack.tableChecksums()).isEqualTo(before);
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow().image()).isEqualTo(PREVIOUS);
    }

    private String start(String manifest) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("release", "demo");
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        ResponseEntity<Map> response = rest.postForEntity("/api/go-lives", new HttpEntity<>(manifest, headers), Map.class);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        return (String) response.getBody().get("processInstanceId");
    }

    /** A backup of golive_it taken now through the REST API, as an operator would before the readiness check. */
    private BackupRecord backUpNow() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("ops", "demo");
        headers.set("X-Requested-By", "golive-it");
        ResponseEntity<BackupRecord> response = rest.postForEntity("/api/environments/" + ENV + "/backups", new HttpEntity<>(headers),
                BackupRecord.class);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        return response.getBody();
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
        throw new AssertionError("no task " + taskDefinitionKey + "/" + candidateGroup + " for " + businessKey + "; open tasks: "
                + tasks.createTaskQuery().processInstanceBusinessKey(businessKey).list().stream().map(Task::getTaskDefinitionKey).toList());
    }

    private void submit(String user, Task task, String variablesJson) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, "demo");
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = rest.postForEntity("/engine-rest/task/" + task.getId() + "/submit-form",
                new HttpEntity<>("{\"variables\":{" + variablesJson + "}}", headers), String.class);
        assertThat(response.getStatusCode().value()).as("%s %s", task.getTaskDefinitionKey(), response.getBody()).isEqualTo(204);
    }

    /** The lead attests the manual items and accepts the inconclusive staging gate; every role signs off. */
    private void passReadinessAndSignOffs(String processInstanceId) throws InterruptedException {
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

    private void decide(String processInstanceId, String decision, String reason) throws InterruptedException {
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

    private HistoricProcessInstance awaitEnd(String processInstanceId, Duration timeout) throws InterruptedException {
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

    private String calledInstance(String processInstanceId, String processKey) {
        return history.createHistoricProcessInstanceQuery().superProcessInstanceId(processInstanceId)
                .processDefinitionKey(processKey).singleResult().getId();
    }

    private Object variable(String processInstanceId, String name) {
        var variable = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null ? null : variable.getValue();
    }

    /** The database password is read from its file at use; it must not show up anywhere in history. */
    private void assertNoSecretsInHistory() throws Exception {
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
