package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.ENV;
import static org.golive.it.ItStack.RELEASE;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.golive.backup.BackupRecord;
import org.golive.deploy.OdooRuntimeService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Two go-lives on one environment, both approved, on the real stack: the second is refused while the first holds
 * the environment; once the first is live, the second runs and fails its install. The environment ends on the
 * release the records call live, and the second's rollback restores a backup taken after that release went live.
 * The story runs once; each test asserts one behaviour of it.
 */
class EnvironmentLockIT extends GoLiveJourney {

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
    RuntimeService runtime;

    private Instant began;
    private String first;
    private String firstId;
    private ResponseEntity<Map> refused;
    private ResponseEntity<Map> refusedByEngineRest;
    private List<String> goLivesAfterTheRefusals;
    private HistoricProcessInstance firstDone;
    private Map<String, Object> lockAfterFirst;
    private ResponseEntity<Map> second;
    private String secondId;
    private HistoricProcessInstance secondDone;
    private Map<String, Object> lockAfterSecond;

    /** The story, once: the first holds the environment and ships, then the second runs and rolls back. */
    @BeforeAll
    void twoGoLivesOnOneEnvironment() throws Exception {
        stack.reset();
        backUpNow();
        began = Instant.now();
        first = (String) startRaw(FIRST).getBody().get("processInstanceId");
        firstId = businessKey(first);

        refused = startRaw(SECOND);
        refusedByEngineRest = post("release", "/engine-rest/process-definition/key/go-live/start", "application/json",
                "{\"variables\":{\"manifestYaml\":{\"value\":\"" + SECOND.replace("\"", "\\\"").replace("\n", "\\n") + "\"}}}");
        goLivesAfterTheRefusals = goLivesSince(began);

        passReadinessAndSignOffs(first);
        decide(first, "go", "first release approved");
        firstDone = awaitEnd(first, Duration.ofMinutes(5));
        lockAfterFirst = lock();

        second = startRaw(SECOND);
        assertThat(second.getStatusCode().value()).as("%s", second.getBody()).isEqualTo(201);
        String secondInstance = (String) second.getBody().get("processInstanceId");
        secondId = (String) second.getBody().get("id");
        passReadinessAndSignOffs(secondInstance);
        decide(secondInstance, "go", "second release approved");
        secondDone = awaitEnd(secondInstance, Duration.ofMinutes(5));
        lockAfterSecond = lock();
    }

    @Test
    void aSecondStartThroughTheApiIsRefusedWith409NamingTheHolder() {
        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(409);
        assertThat((String) refused.getBody().get("error")).startsWith("environment it is held by go-live " + firstId + " since ");
    }

    @Test
    void aSecondStartThroughEngineRestIsRefusedWith409Too() {
        assertThat(refusedByEngineRest.getStatusCode().value()).as("%s", refusedByEngineRest.getBody()).isEqualTo(409);
        assertThat((String) refusedByEngineRest.getBody().get("message")).contains("held by go-live " + firstId);
    }

    @Test
    void theRefusedStartsLeaveNothing() {
        assertThat(goLivesAfterTheRefusals).as("the refused starts left nothing").containsExactly(first);
    }

    @Test
    void theFirstCompletesAndFreesTheEnvironment() {
        assertThat(firstDone.getEndActivityId()).isEqualTo("EndEvent_GoLiveCompleted");
        assertThat(lockAfterFirst).containsEntry("held", false);
    }

    @Test
    void theSecondStartsOnceTheFirstIsLive() {
        assertThat(second.getStatusCode().value()).as("%s", second.getBody()).isEqualTo(201);
    }

    @Test
    void theSecondFailsItsInstallRollsBackAndFreesTheEnvironment() {
        assertThat(secondDone.getEndActivityId()).isEqualTo("EndEvent_GoLiveRolledBack");
        assertThat(lockAfterSecond).containsEntry("held", false);
    }

    @Test
    void theRecordsSayTheFirstShippedAndTheSecondRolledBack() {
        assertThat(EvidenceDocumentsFetch.whatShipped(rest, firstId)).contains("**completed**").contains("`" + RELEASE + "`");
        assertThat(EvidenceDocumentsFetch.whatShipped(rest, secondId)).contains("**rolled back**");
    }

    @Test
    void theFirstGoLivesContainerServes() {
        var serving = containers.find(stack.target().dockerHost(), stack.target().container().name()).orElseThrow();
        assertThat(serving.running()).isTrue();
        assertThat(serving.image()).isEqualTo(RELEASE);
        assertThat(serving.labels()).containsEntry(OdooRuntimeService.LABEL_GO_LIVE, firstId).containsEntry("org.golive.release", "18.0-2");
    }

    @Test
    void everyRollbackRestoredABackupOfTheLiveReleaseTakenAfterItWentLive() {
        Instant wentLive = ((Date) variable(first, "wentLiveAt")).toInstant();
        List<HistoricProcessInstance> rollbacks = history.createHistoricProcessInstanceQuery().processDefinitionKey("rollback")
                .startedAfter(Date.from(began)).list();
        assertThat(rollbacks).extracting(HistoricProcessInstance::getBusinessKey).containsExactly(secondId);
        for (HistoricProcessInstance rollback : rollbacks) {
            BackupRecord restored = backups.find(stack.env(), (String) variable(rollback.getId(), "backupId")).orElseThrow();
            assertThat(restored.runningImage()).as("image running when %s was taken", restored.id()).isEqualTo(RELEASE);
            assertThat(restored.createdAt()).as("backup %s", restored.id()).isAfter(wentLive);
        }
    }

    @Test
    void theFirstGoLivesFollowUpGoesOn() {
        // its release is the live one
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("post-go-live").processInstanceBusinessKey(firstId).count())
                .isOne();
    }

    private ResponseEntity<Map> startRaw(String manifest) {
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

    private List<String> goLivesSince(Instant began) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("go-live").startedAfter(Date.from(began)).list()
                .stream().map(HistoricProcessInstance::getId).toList();
    }

    private String businessKey(String processInstanceId) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getBusinessKey();
    }
}
