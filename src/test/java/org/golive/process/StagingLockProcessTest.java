package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import org.golive.config.Target;
import org.golive.step.ProcessConstants;
import org.golive.step.StepFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code golive.lock.environments.sandbox.lock-staging}: a go-live on sandbox also holds the staging environment it was
 * tested on, from its start to whichever end, so a go-live on staging meanwhile is refused with 409 naming it.
 */
@TestPropertySource(properties = {
        "golive.lock.environments.sandbox.lock-staging=true",
        "golive.readiness.staging-environment=staging",
        "golive.environments.staging.odoo-url=http://127.0.0.1:18070",
        "golive.environments.staging.database.name=golive_staging",
        "golive.environments.staging.database.password-file=/nonexistent/staging-password",
        "golive.environments.staging.container.name=golive-staging-odoo",
        "golive.environments.staging.container.image-repository=golive/odoo",
        "golive.environments.staging.backup-dir=target/process-test-data/staging-backups"})
class StagingLockProcessTest extends ProcessTestSupport {

    private static final String ON_STAGING = MANIFEST.replace("environment: sandbox", "environment: staging");

    @AfterEach
    void removeLeftovers() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    @Test
    void aGoLiveOnSandboxHoldsStagingTooAndAGoLiveOnStagingIsRefusedNamingIt() {
        String production = startGoLive(MANIFEST);
        String holder = businessKey(production);

        ResponseEntity<Map> refused = post("release", "/api/go-lives", "application/yaml", ON_STAGING);

        assertThat(holders()).containsEntry("sandbox", holder).containsEntry("staging", holder);
        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(409);
        assertThat((String) refused.getBody().get("error")).startsWith("environment staging is held by go-live " + holder + " since ");
        assertThat(refused.getBody().get("holder")).isEqualTo(holder);
        assertThat(evidence(holder)).anySatisfy(entry -> assertThat(entry)
                .containsEntry("step", "environment-lock-acquired").containsEntry("environment", "staging"));
    }

    @Test
    void aCompletedGoLiveReleasesStagingWithItsOwnEnvironment() {
        String id = goLive("go");

        assertThat(endOf(id)).isEqualTo(ProcessConstants.END_GO_LIVE_COMPLETED);
        assertThat(holders()).isEmpty();
        assertThat(evidence(businessKey(id))).filteredOn(entry -> "environment-lock-released".equals(entry.get("step")))
                .extracting(entry -> entry.get("environment")).containsExactlyInAnyOrder("sandbox", "staging");
    }

    @Test
    void aRolledBackGoLiveReleasesStaging() {
        when(modules.release(any(Target.class), anyString(), anyList(), anyList(), anyString()))
                .thenThrow(new StepFailedException("installing golive_broken: odoo exited 255"));

        String id = goLive("go");

        assertThat(endOf(id)).isEqualTo("EndEvent_GoLiveRolledBack");
        assertThat(holders()).isEmpty();
    }

    @Test
    void aGoLiveStoppedAtNoGoReleasesStaging() {
        String id = goLive("no-go");

        assertThat(endOf(id)).isEqualTo("EndEvent_GoLiveStopped");
        assertThat(holders()).isEmpty();
    }

    @Test
    void aCancelledGoLiveReleasesStagingAndAGoLiveOnStagingMayStart() {
        String id = startGoLive(MANIFEST);
        assertThat(holders()).containsKey("staging");

        runtimeService().deleteProcessInstance(id, "cancelled by the release manager");

        assertThat(holders()).isEmpty();
        String onStaging = startGoLive(ON_STAGING);
        assertThat(holders()).isEqualTo(Map.of("staging", businessKey(onStaging)));
    }

    @Test
    void aGoLiveOnSandboxIsRefusedWhileStagingIsHeldAndTakesNoLock() {
        String onStaging = startGoLive(ON_STAGING);

        ResponseEntity<Map> refused = post("release", "/api/go-lives", "application/yaml", MANIFEST);

        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(409);
        assertThat(refused.getBody().get("holder")).isEqualTo(businessKey(onStaging));
        assertThat(holders()).as("sandbox's lock went back with the refused start").isEqualTo(Map.of("staging", businessKey(onStaging)));
    }

    private Map<String, String> holders() {
        Map<String, String> holders = new java.util.TreeMap<>();
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT environment, holder FROM golive_environment_lock");
        rows.forEach(row -> holders.put(String.valueOf(row.get("ENVIRONMENT") == null ? row.get("environment") : row.get("ENVIRONMENT")),
                String.valueOf(row.get("HOLDER") == null ? row.get("holder") : row.get("HOLDER"))));
        return holders;
    }

    private String goLive(String decision) {
        String id = startGoLive(MANIFEST);
        passReadinessAndSignOffs(id);
        ResponseEntity<Map> decided = completeGoNoGo("lead", openTask(id, ProcessConstants.TASK_GO_NO_GO).getId(),
                Map.of("goNoGoDecision", decision, "goNoGoReason", "decided by the test"));
        assertThat(decided.getStatusCode().is2xxSuccessful()).as("%s", decided.getBody()).isTrue();
        runJobs();
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> evidence(String goLiveId) {
        return rest.withBasicAuth("release", "demo").getForObject("/api/go-lives/" + goLiveId + "/evidence", List.class);
    }

    private String endOf(String processInstanceId) {
        return historyService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().singleResult()
                .getEndActivityId();
    }
}
