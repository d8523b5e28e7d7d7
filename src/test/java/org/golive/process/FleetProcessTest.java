package org.golive.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.lenient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.golive.config.Target;
import org.golive.evidence.EvidenceDocuments;
import org.golive.signoff.SignOffRole;
import org.golive.step.EvidenceLog;
import org.golive.step.ProcessConstants;
import org.golive.step.StepFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * A fleet of four environments in two waves, the infrastructure mocked: one sign-off for the fleet, a called go-live
 * per environment, the next wave only after every go-live of the wave before completed, the lead's decision after a
 * failed one, and FLEET_SUMMARY.md.
 */
@ActiveProfiles({"sandbox", "processtest", "fleettest"})
class FleetProcessTest extends ProcessTestSupport {

    static final String FLEET = """
            image: golive/odoo
            tag: "18.0-2"
            install: [golive_extra]
            update: [golive_demo]
            notes: fleet process test
            fleet:
              waves:
                - [fleet-a, fleet-b]
                - [fleet-c, fleet-d]
            """;

    @Autowired
    EvidenceDocuments documents;
    @Autowired
    EvidenceLog evidence;

    @AfterEach
    void removeLeftovers() {
        engine.getRuntimeService().createProcessInstanceQuery().list().forEach(p -> engine.getRuntimeService()
                .deleteProcessInstanceIfExists(p.getId(), "test cleanup", true, true, true, false));
    }

    private String startFleet(String manifest) {
        ResponseEntity<Map> response = post("release", "/api/fleets", "application/yaml", manifest);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        return (String) response.getBody().get("processInstanceId");
    }

    /** The fleet's called go-lives, by environment. */
    private Map<String, HistoricProcessInstance> children(String fleet) {
        Map<String, HistoricProcessInstance> children = new java.util.TreeMap<>();
        for (HistoricProcessInstance child : engine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(fleet)
                .processDefinitionKey(ProcessConstants.PROCESS_GO_LIVE).list()) {
            children.put((String) engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(child.getId())
                    .variableName(ProcessConstants.VAR_ENVIRONMENT).singleResult().getValue(), child);
        }
        return children;
    }

    /** The lead attests readiness in each running go-live of the fleet; the go-lives then run to their end. */
    private void attestRunningChildren(String fleet) {
        runJobs();
        for (HistoricProcessInstance child : children(fleet).values()) {
            if (child.getEndTime() == null && openTask(child.getId(), ProcessConstants.TASK_ATTEST_READINESS) != null) {
                attestReadiness(child.getId());
            }
        }
        runJobs();
    }

    /** The lead's final authorization of the fleet, once for all its go-lives. */
    private ResponseEntity<Map> decideFleet(String fleet, String decision) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(fleet)
                .taskDefinitionKey(ProcessConstants.TASK_FLEET_GO_NO_GO).singleResult();
        assertThat(task).as("the fleet's go/no-go task").isNotNull();
        return completeGoNoGo("lead", task.getId(), Map.of("goNoGoDecision", decision, "goNoGoReason", "fleet reviewed"));
    }

    private String fleetSignedOffAndFirstWaveRun(String manifest) {
        String fleet = startFleet(manifest);
        signOffAll(fleet);
        assertThat(decideFleet(fleet, "go").getStatusCode().value()).isEqualTo(204);
        attestRunningChildren(fleet);
        return fleet;
    }

    private void failModulesOf(String environment) {
        lenient().when(modules.release(argThat((Target t) -> t != null && environment.equals(t.name())), anyString(), anyList(), anyList(),
                anyString())).thenThrow(new StepFailedException("installing golive_broken: odoo exited 255"));
    }

    private String endActivity(String processInstanceId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                .getEndActivityId();
    }

    private Task nextWaveTask(String fleet) {
        return engine.getTaskService().createTaskQuery().processInstanceId(fleet).taskDefinitionKey(ProcessConstants.TASK_FLEET_NEXT_WAVE)
                .singleResult();
    }

    private String summary(String fleet) {
        String fleetId = businessKey(fleet);
        Optional<String> summary = documents.read(fleetId, EvidenceDocuments.FLEET_SUMMARY);
        assertThat(summary).as("FLEET_SUMMARY.md of %s", fleetId).isPresent();
        return summary.get();
    }

    @Test
    void allFourGoLiveAndTheSummaryListsFourCompleted() {
        String fleet = fleetSignedOffAndFirstWaveRun(FLEET);
        assertThat(children(fleet)).as("wave 1 ran, so wave 2 started").containsOnlyKeys("fleet-a", "fleet-b", "fleet-c", "fleet-d");
        attestRunningChildren(fleet);

        assertThat(endActivity(fleet)).isEqualTo("EndEvent_FleetDone");
        children(fleet).values().forEach(child -> assertThat(child.getEndActivityId()).isEqualTo(ProcessConstants.END_GO_LIVE_COMPLETED));
        String summary = summary(fleet);
        assertThat(summary).contains("4 of 4 environments completed").contains("- Outcome: completed")
                .containsPattern("- Signed off by: .*approve by " + SignOffRole.values()[0].demoUser())
                .contains("- Go/no-go for the fleet: go by lead: fleet reviewed");
        for (HistoricProcessInstance child : children(fleet).values()) {
            assertThat(summary).containsPattern("\\| \\d \\| fleet-[a-d] \\| completed \\| `" + child.getBusinessKey() + "` \\|");
        }
    }

    @Test
    void aCalledGoLiveSkipsItsOwnSignOffAndGoNoGoAndNamesWhoSignedTheFleetOff() {
        String fleet = fleetSignedOffAndFirstWaveRun(FLEET);
        HistoricProcessInstance child = children(fleet).get("fleet-a");

        assertThat(new HistoricInstance(child.getId())).hasPassed("Gateway_FleetSignOff", "Task_AnnounceDeploymentStart", "Gateway_FleetGoNoGo",
                "Task_PrepareReleaseContainer").hasNotPassed("CallActivity_CollectSignOffs", ProcessConstants.TASK_GO_NO_GO);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_SIGN_OFF)
                .processInstanceBusinessKey(child.getBusinessKey()).count()).as("no sign-off of its own").isZero();
        List<Map<String, Object>> signOffs = evidence.entries(child.getBusinessKey()).stream()
                .filter(e -> "fleetSignOff".equals(e.get("step"))).toList();
        assertThat(signOffs).hasSize(SignOffRole.values().length)
                .allSatisfy(e -> assertThat(String.valueOf(e.get("decision"))).isEqualTo("approve (fleet " + businessKey(fleet) + ")"));
        assertThat(signOffs).extracting(e -> e.get("signedBy")).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(SignOffRole.values()).map(SignOffRole::demoUser).toList());
    }

    @Test
    void aFailedGoLiveOfWaveOneKeepsWaveTwoFromStartingAndAsksTheLead() {
        failModulesOf("fleet-b");
        String fleet = fleetSignedOffAndFirstWaveRun(FLEET);

        assertThat(children(fleet)).containsOnlyKeys("fleet-a", "fleet-b");
        assertThat(children(fleet).get("fleet-a").getEndActivityId()).isEqualTo(ProcessConstants.END_GO_LIVE_COMPLETED);
        assertThat(children(fleet).get("fleet-b").getEndActivityId()).isEqualTo("EndEvent_GoLiveRolledBack");
        Task task = nextWaveTask(fleet);
        assertThat(task).as("the lead's decision").isNotNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId())).extracting(l -> l.getGroupId())
                .containsExactly(ProcessConstants.GROUP_LEAD);
        assertThat(String.valueOf(engine.getTaskService().getVariable(task.getId(), ProcessConstants.VAR_FLEET_WAVE_FAILURES)))
                .startsWith("fleet-b (" + children(fleet).get("fleet-b").getBusinessKey() + "): rolled-back");
    }

    @Test
    void theLeadGoesOnAndWaveTwoRuns() {
        failModulesOf("fleet-b");
        String fleet = fleetSignedOffAndFirstWaveRun(FLEET);

        ResponseEntity<Map> done = completeTask("lead", nextWaveTask(fleet).getId(),
                Map.of(ProcessConstants.VAR_FLEET_DECISION, "go-on", ProcessConstants.VAR_FLEET_DECISION_REASON, "fleet-b's customer module, not the release"));
        assertThat(done.getStatusCode().is2xxSuccessful()).as("%s", done.getBody()).isTrue();
        attestRunningChildren(fleet);

        assertThat(children(fleet)).containsOnlyKeys("fleet-a", "fleet-b", "fleet-c", "fleet-d");
        assertThat(endActivity(fleet)).isEqualTo("EndEvent_FleetDone");
        String summary = summary(fleet);
        assertThat(summary).contains("3 of 4 environments completed")
                .containsPattern("\\| 0 \\| fleet-b \\| rolled back \\| `" + children(fleet).get("fleet-b").getBusinessKey() + "` \\|")
                .containsPattern("\\| 1 \\| fleet-d \\| completed \\| `" + children(fleet).get("fleet-d").getBusinessKey() + "` \\|");
        assertThat(evidence.entries(businessKey(fleet))).anySatisfy(e -> assertThat(e).containsEntry("step", ProcessConstants.TASK_FLEET_NEXT_WAVE)
                .containsEntry("decision", "go-on").containsEntry("decidedBy", "lead"));
    }

    @Test
    void theLeadStopsAndTheRemainingEnvironmentsAreListedNotStarted() {
        failModulesOf("fleet-a");
        String fleet = fleetSignedOffAndFirstWaveRun(FLEET);

        completeTask("lead", nextWaveTask(fleet).getId(),
                Map.of(ProcessConstants.VAR_FLEET_DECISION, "stop", ProcessConstants.VAR_FLEET_DECISION_REASON, "look at fleet-a first"));
        runJobs();

        assertThat(endActivity(fleet)).isEqualTo("EndEvent_FleetDone");
        assertThat(children(fleet)).containsOnlyKeys("fleet-a", "fleet-b");
        assertThat(summary(fleet)).contains("- Outcome: stopped by the lead").contains("1 of 4 environments completed")
                .contains("| 0 | fleet-a | rolled back |").contains("| 1 | fleet-c | not started | — |").contains("| 1 | fleet-d | not started | — |");
    }

    @Test
    void theLeadsDecisionNeedsADecisionAndAReason() {
        failModulesOf("fleet-a");
        String fleet = fleetSignedOffAndFirstWaveRun(FLEET);

        ResponseEntity<Map> refused = completeTask("lead", nextWaveTask(fleet).getId(), Map.of(ProcessConstants.VAR_FLEET_DECISION, "go-on"));
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(refused.getBody())).contains(ProcessConstants.VAR_FLEET_DECISION_REASON);
        assertThat(nextWaveTask(fleet)).as("still open").isNotNull();
    }

    @Test
    void aDirectStartWithAForgedFleetVariableStillGetsTheFullSignOff() throws Exception {
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("variables", Map.of(
                ProcessConstants.VAR_MANIFEST, Map.of("value", MANIFEST.replace("sandbox", "fleet-c"), "type", "String"),
                "fleetSignedOff", Map.of("value", true, "type", "Boolean"),
                ProcessConstants.VAR_FLEET_SIGNED_OFF_BY, Map.of("value", "fleet-x: approve by everyone", "type", "String"),
                ProcessConstants.VAR_FLEET_ID, Map.of("value", "fleet-18.0-2-20261201-101010-abcd", "type", "String"))));
        ResponseEntity<Map> started = post("release", "/engine-rest/process-definition/key/go-live/start", "application/json", body);
        assertThat(started.getStatusCode().is2xxSuccessful()).as("%s", started.getBody()).isTrue();
        String id = (String) started.getBody().get("id");

        attestReadiness(id);

        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(engine.getRuntimeService().getActiveActivityIds(id)).contains("CallActivity_CollectSignOffs");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
                .processDefinitionKey(ProcessConstants.PROCESS_SIGN_OFF).count()).isEqualTo(SignOffRole.values().length);
        signOffAll(id);
        assertThat(engine.getRuntimeService().getActiveActivityIds(id)).contains(ProcessConstants.TASK_GO_NO_GO);
    }

    @Test
    void aReleaseChangedAfterTheFleetsSignOffGetsTheFullSignOffInEachGoLive() {
        String fleet = startFleet(FLEET);
        signOffAll(fleet);
        decideFleet(fleet, "go");
        runJobs();
        // wave 1 has started with the release signed off; then someone who may change the fleet's variables ships
        // another tag to wave 2
        engine.getRuntimeService().setVariable(fleet, ProcessConstants.VAR_FLEET_MANIFEST, FLEET.replace("18.0-2", "18.0-3"));
        attestRunningChildren(fleet);
        attestRunningChildren(fleet);

        assertThat(children(fleet).get("fleet-a").getEndActivityId()).isEqualTo(ProcessConstants.END_GO_LIVE_COMPLETED);
        for (String environment : List.of("fleet-c", "fleet-d")) {
            HistoricProcessInstance child = children(fleet).get(environment);
            assertThat(child.getBusinessKey()).contains("18.0-3");
            assertThat(child.getEndTime()).isNull();
            assertThat(engine.getRuntimeService().getActiveActivityIds(child.getId())).as(environment).contains("CallActivity_CollectSignOffs");
        }
    }

    @Test
    void noGoEndsTheFleetBeforeAnyGoLiveStarts() {
        String fleet = startFleet(FLEET);
        signOffAll(fleet);
        decideFleet(fleet, "no-go");
        runJobs();

        assertThat(endActivity(fleet)).isEqualTo("EndEvent_FleetDone");
        assertThat(children(fleet)).isEmpty();
        assertThat(summary(fleet)).contains("- Outcome: no-go").contains("- Go/no-go for the fleet: no-go by lead: fleet reviewed")
                .contains("| 0 | fleet-a | not started | — |")
                .contains("| 1 | fleet-d | not started | — |");
    }

    @Test
    void theFleetsGoNoGoComesBeforeAnyGoLiveAndAGoLiveSkipsOnlyAfterTheGo() {
        String fleet = startFleet(FLEET);
        signOffAll(fleet);
        runJobs();

        assertThat(engine.getRuntimeService().getActiveActivityIds(fleet)).containsExactly(ProcessConstants.TASK_FLEET_GO_NO_GO);
        assertThat(children(fleet)).isEmpty();
        decideFleet(fleet, "go");
        attestRunningChildren(fleet);
        assertThat(new HistoricInstance(children(fleet).get("fleet-a").getId())).hasPassed("Gateway_FleetGoNoGo")
                .hasNotPassed(ProcessConstants.TASK_GO_NO_GO);
    }

    @Test
    void aRefusedFleetManifestStartsNothing() {
        long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
        Integer locks = jdbc.queryForObject("SELECT COUNT(*) FROM golive_environment_lock", Integer.class);
        Integer seals = jdbc.queryForObject("SELECT COUNT(*) FROM golive_release_seal", Integer.class);

        ResponseEntity<Map> response = post("release", "/api/fleets", "application/yaml",
                FLEET.replace("- [fleet-c, fleet-d]", "- [fleet-c, fleet-a]"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat((List<Map<String, String>>) response.getBody().get("problems")).extracting(p -> p.get("field"))
                .containsExactly("fleet.waves[1][1]");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM golive_environment_lock", Integer.class)).isEqualTo(locks);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM golive_release_seal", Integer.class)).isEqualTo(seals);
    }

    @Test
    void engineRestRefusesABadFleetManifestToo() throws Exception {
        long instances = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("variables", Map.of(
                ProcessConstants.VAR_FLEET_MANIFEST, Map.of("value", FLEET.replace("- [fleet-c, fleet-d]", "- []"), "type", "String"))));

        ResponseEntity<Map> response = post("release", "/engine-rest/process-definition/key/go-live-fleet/start", "application/json", body);

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
        assertThat(String.valueOf(response.getBody().get("message"))).contains("fleet.waves[1]: empty wave");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    }
}
