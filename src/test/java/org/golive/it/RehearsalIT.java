package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.ENV;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService.ContainerInfo;
import org.golive.readiness.Gate;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.ReadinessGateService;
import org.golive.step.ProcessConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Two rehearsals on the real stack, of a good release and of one whose module fails to install (golive_broken): the
 * first passes, the second fails naming the module with Odoo's log, and neither touches 'it' (every table's checksum,
 * its Odoo container) nor leaves a scratch database, directory or container behind. The readiness gate reads them.
 */
class RehearsalIT extends GoLiveJourney {

    // module lists no other IT's go-live uses: the gate rehearsal of those go-lives (same engine database in a full run)
    // must not find these rehearsals, least of all the failed one
    private static final String GOOD = """
            image: golive/odoo
            tag: "18.0-2"
            environment: it
            install: [golive_extra]
            update: [golive_demo, web]
            """;
    private static final String BAD = """
            image: golive/odoo
            tag: "18.0-2"
            environment: it
            install: [golive_broken, golive_extra]
            update: [golive_demo, web]
            """;

    /** golive.data-dir of the it profile, and the default golive.rehearsal.scratch-dir below it. */
    private static final Path SCRATCH = Path.of("target/it-data/rehearsals");

    @Autowired
    TargetDatabases databases;
    @Autowired
    ReadinessGateService gates;

    private Map<String, String> tablesBefore;
    private ContainerInfo containerBefore;
    private HistoricProcessInstance good;
    private HistoricProcessInstance bad;

    @BeforeAll
    void rehearseAGoodAndABadRelease() throws Exception {
        stack.reset();
        // what an earlier run of this test may have left (stack.reset removed its containers already)
        for (String leftover : scratchDatabases()) {
            ItStack.dropDatabase(databases, stack.env(), leftover);
        }
        ItStack.deleteTree(SCRATCH);
        backUpNow();
        tablesBefore = stack.tableChecksums();
        containerBefore = odooContainer();
        good = awaitEnd(rehearse(GOOD), Duration.ofMinutes(5));
        bad = awaitEnd(rehearse(BAD), Duration.ofMinutes(5));
    }

    @Test
    void aRehearsalOfAGoodReleasePasses() {
        assertThat(good.getEndActivityId()).as("%s", variable(good.getId(), ProcessConstants.VAR_REHEARSAL_FAILURE))
                .isEqualTo(ProcessConstants.END_REHEARSAL_PASSED);
    }

    @Test
    void theGoodRehearsalRecordsItsTimings() {
        for (String timing : List.of(ProcessConstants.VAR_REHEARSAL_COPY_MILLIS, ProcessConstants.VAR_REHEARSAL_NEUTRALIZE_MILLIS,
                ProcessConstants.VAR_REHEARSAL_ODOO_CLI_MILLIS, ProcessConstants.VAR_REHEARSAL_START_MILLIS,
                ProcessConstants.VAR_REHEARSAL_CHECKS_MILLIS)) {
            assertThat(variable(good.getId(), timing)).as(timing).isInstanceOf(Long.class);
            System.out.println("[RehearsalIT] " + timing + " = " + variable(good.getId(), timing));
        }
        assertThat((Long) variable(good.getId(), ProcessConstants.VAR_REHEARSAL_ODOO_CLI_MILLIS)).isPositive();
    }

    @Test
    void theCopyWasNeutralizedByTheReleaseImagesOwnNeutralize() {
        assertThat(variable(good.getId(), ProcessConstants.VAR_REHEARSAL_NEUTRALIZED_BY)).isEqualTo("odoo neutralize");
    }

    @Test
    void aRehearsalOfABrokenModuleFailsNamingItWithOdoosLog() {
        assertThat(bad.getEndActivityId()).isEqualTo(ProcessConstants.END_REHEARSAL_FAILED);
        assertThat(variable(bad.getId(), ProcessConstants.VAR_REHEARSAL_FAILURE)).asString()
                .contains("Task_RunModulesOnCopy").contains("installing golive_broken")
                .contains("odoo.modules.registry: Failed to load registry: module golive_broken");
    }

    @Test
    void theFailedRehearsalStillDroppedItsCopy() {
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(bad.getId())
                .activityId("Task_DropScratchCopyAfterFailure").finished().count()).isEqualTo(1);
    }

    @Test
    void neitherRehearsalChangedATableOfTheTarget() throws Exception {
        assertThat(stack.tableChecksums()).isEqualTo(tablesBefore);
        assertThat(stack.moduleState("golive_extra")).doesNotStartWith("installed");
    }

    @Test
    void theTargetsOdooContainerIsUntouched() throws Exception {
        ContainerInfo now = odooContainer();
        assertThat(now.id()).isEqualTo(containerBefore.id());
        assertThat(now.image()).isEqualTo(ItStack.PREVIOUS);
        assertThat(now.running()).isTrue();
        assertThat(probe.healthy(stack.target().odooUrl())).isTrue();
    }

    @Test
    void noScratchDatabaseDirectoryOrContainerIsLeft() throws Exception {
        assertThat(scratchDatabases()).isEmpty();
        assertThat(Docker.names(stack.target().dockerHost(), stack.target().container().name() + "-rehearsal-")).isEmpty();
        try (var left = Files.exists(SCRATCH) ? Files.list(SCRATCH) : java.util.stream.Stream.<Path>empty()) {
            assertThat(left.toList()).as("scratch directories left in %s", SCRATCH).isEmpty();
        }
    }

    private List<String> scratchDatabases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection admin = databases.connect(stack.env(), "postgres"); Statement sql = admin.createStatement();
             ResultSet rows = sql.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'golive\\_it\\_rehearsal\\_%'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Test
    void theGatePassesForTheRehearsedRelease() {
        GateResult result = gates.check(Gate.rehearsal, request(List.of("golive_extra"), List.of("golive_demo", "web")));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("rehearsalId", good.getBusinessKey());
    }

    @Test
    void theGateFailsForTheBrokenReleaseWithOdoosLogTail() {
        GateResult result = gates.check(Gate.rehearsal, request(List.of("golive_broken", "golive_extra"), List.of("golive_demo", "web")));
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains(bad.getBusinessKey()).contains("Failed to load registry: module golive_broken");
    }

    @Test
    void aBadManifestIsRefusedNamingTheFieldAndNothingStarts() {
        long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_REHEARSE_RELEASE).count();
        ResponseEntity<Map> response = post("""
                image: golive/odoo
                environment: it
                """);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(response.getBody())).contains("tag");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(ProcessConstants.PROCESS_REHEARSE_RELEASE).count())
                .isEqualTo(before);
    }

    private GateRequest request(List<String> install, List<String> update) {
        return new GateRequest(stack.env(), "golive/odoo", "18.0-2", "it-18.0-2-20261202-000000-abcd", install, update);
    }

    private String rehearse(String manifest) {
        ResponseEntity<Map> response = post(manifest);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        return (String) response.getBody().get("processInstanceId");
    }

    private ResponseEntity<Map> post(String manifest) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("release", "demo");
        headers.setContentType(MediaType.parseMediaType("application/yaml"));
        return rest.postForEntity("/api/rehearsals", new HttpEntity<>(manifest, headers), Map.class);
    }

    private ContainerInfo odooContainer() {
        return containers.find(stack.target().dockerHost(), stack.target().container().name()).orElseThrow();
    }
}
