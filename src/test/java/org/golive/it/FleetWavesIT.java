package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.golive.evidence.EvidenceDocuments;
import org.golive.signoff.SignOffRole;
import org.golive.step.ProcessConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * A fleet of four environments of the real stack (own databases, stand-in containers on ports 18681-18684) in two
 * waves: the canary's go-live installs golive_broken, which fails, and rolls back; the second wave does not start,
 * the lead is asked, stops the fleet, and FLEET_SUMMARY.md lists the three others as not started.
 */
@ActiveProfiles({"sandbox", "it", "itfleet"})
class FleetWavesIT extends GoLiveJourney {

    private static final List<String> FLEET = List.of("fleet-it-a", "fleet-it-b", "fleet-it-c", "fleet-it-d");

    @Autowired
    EvidenceDocuments documents;

    private final Map<String, Map<String, String>> tablesBefore = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> tablesAfter = new LinkedHashMap<>();
    private String fleet;
    private String fleetId;
    private HistoricProcessInstance canary;
    private List<HistoricProcessInstance> childrenAtDecision;
    private Task decision;
    private HistoricProcessInstance fleetDone;

    @BeforeAll
    void runAFleetWhoseCanaryFails() throws Exception {
        for (String environment : FLEET) {
            stack.forEnvironment(environment).reset();
        }
        backUp("fleet-it-a");
        for (String environment : FLEET.subList(1, 4)) {
            tablesBefore.put(environment, stack.forEnvironment(environment).tableChecksums());
        }
        fleet = startFleet("""
                image: golive/odoo
                tag: "18.0-2"
                install: [golive_extra, golive_broken]
                update: [golive_demo]
                fleet:
                  canary: fleet-it-a
                  waves:
                    - [fleet-it-a]
                    - [fleet-it-b, fleet-it-c, fleet-it-d]
                """);
        fleetId = history.createHistoricProcessInstanceQuery().processInstanceId(fleet).singleResult().getBusinessKey();
        for (SignOffRole role : SignOffRole.values()) {
            submit(role.demoUser(), awaitTask(fleetId, null, role.group()), "\"signOffDecision\":{\"value\":\"approve\"}");
        }
        submit("lead", awaitTask(fleetId, ProcessConstants.TASK_FLEET_GO_NO_GO, ProcessConstants.GROUP_LEAD),
                "\"goNoGoDecision\":{\"value\":\"go\"},\"goNoGoReason\":{\"value\":\"fleet signed off\"}");
        String child = awaitChild();
        String childKey = history.createHistoricProcessInstanceQuery().processInstanceId(child).singleResult().getBusinessKey();
        String attested = org.golive.readiness.AttestationItems.ALL.stream()
                .map(item -> "\"" + item.attestField() + "\":{\"value\":true,\"type\":\"Boolean\"}")
                .collect(java.util.stream.Collectors.joining(","));
        submit("lead", awaitTask(childKey, "UserTask_AttestReadiness", null), attested);
        submit("lead", awaitTask(childKey, "UserTask_ReviewInconclusiveGates", null),
                "\"gateReviewDecision\":{\"value\":\"accept\"},\"gateReviewReason\":{\"value\":\"no staging environment in this test stack\"}");
        canary = awaitEnd(child, Duration.ofMinutes(6));
        decision = awaitTask(fleetId, ProcessConstants.TASK_FLEET_NEXT_WAVE, ProcessConstants.GROUP_LEAD);
        childrenAtDecision = children();
        for (String environment : FLEET.subList(1, 4)) {
            tablesAfter.put(environment, stack.forEnvironment(environment).tableChecksums());
        }
        submit("lead", decision, "\"fleetDecision\":{\"value\":\"stop\"},\"fleetDecisionReason\":{\"value\":\"golive_broken must be fixed first\"}");
        fleetDone = awaitEnd(fleet, Duration.ofMinutes(2));
    }

    private String startFleet(String manifest) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("release", "demo");
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        ResponseEntity<Map> response = rest.postForEntity("/api/fleets", new HttpEntity<>(manifest, headers), Map.class);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        return (String) response.getBody().get("processInstanceId");
    }

    private void backUp(String environment) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("ops", "demo");
        headers.set("X-Requested-By", "golive-it");
        ResponseEntity<Map> response = rest.postForEntity("/api/environments/" + environment + "/backups", new HttpEntity<>(headers), Map.class);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
    }

    private List<HistoricProcessInstance> children() {
        return history.createHistoricProcessInstanceQuery().superProcessInstanceId(fleet).processDefinitionKey(ProcessConstants.PROCESS_GO_LIVE)
                .list();
    }

    private String awaitChild() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            List<HistoricProcessInstance> children = children();
            if (!children.isEmpty()) {
                return children.get(0).getId();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the fleet started no go-live");
    }

    @Test
    void theCanaryWithTheBrokenModuleRolledBack() {
        assertThat(canary.getEndActivityId()).isEqualTo("EndEvent_GoLiveRolledBack");
        assertThat(variable(canary.getId(), "environment")).isEqualTo("fleet-it-a");
        assertThat(variable(canary.getId(), "failureReason")).asString().contains("installing golive_broken");
    }

    @Test
    void theCanaryShippedUnderTheFleetsSignOffWithoutItsOwn() {
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_SIGN_OFF)
                .processInstanceBusinessKey(canary.getBusinessKey()).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(canary.getId())
                .activityId(ProcessConstants.TASK_GO_NO_GO).count()).isZero();
        assertThat(variable(canary.getId(), ProcessConstants.VAR_FLEET_SIGNED_OFF_BY)).asString().startsWith(fleetId + ": approve by ");
    }

    @Test
    void theSecondWaveDidNotStartAndTheLeadWasAsked() {
        assertThat(childrenAtDecision).extracting(HistoricProcessInstance::getId).containsExactly(canary.getId());
        assertThat(decision.getTaskDefinitionKey()).isEqualTo(ProcessConstants.TASK_FLEET_NEXT_WAVE);
        assertThat(children()).as("stopped: still only the canary").hasSize(1);
    }

    @Test
    void theEnvironmentsOfTheSecondWaveAreUntouched() {
        for (String environment : FLEET.subList(1, 4)) {
            assertThat(tablesAfter.get(environment)).as(environment).isEqualTo(tablesBefore.get(environment));
            assertThat(stack.forEnvironment(environment).containerNames()).as(environment)
                    .containsExactly("golive-" + environment + "-odoo");
        }
    }

    @Test
    void theFleetSummaryListsTheCanaryRolledBackAndTheOthersNotStarted() {
        assertThat(fleetDone.getEndActivityId()).isEqualTo("EndEvent_FleetDone");
        assertThat(documents.read(fleetId, EvidenceDocuments.FLEET_SUMMARY)).get().asString()
                .contains("- Outcome: stopped by the lead")
                .contains("| 0 | fleet-it-a | rolled back | `" + canary.getBusinessKey() + "` |")
                .contains("| 1 | fleet-it-b | not started | — |")
                .contains("| 1 | fleet-it-c | not started | — |")
                .contains("| 1 | fleet-it-d | not started | — |");
    }
}
