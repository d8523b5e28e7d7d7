package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.ENV;
import static org.golive.it.ItStack.RELEASE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.golive.config.Environments;
import org.golive.config.GoliveProperties;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scale-out as docs/configuration.md describes it: two golive nodes on one PostgreSQL engine database (Camunda's
 * cluster mode) sharing one data directory (the evidence). A go-live is started and signed off on node A; A stops;
 * node B takes the go/no-go, deploys, validates and finishes it: each step once, one evidence log and complete
 * documents. Both nodes are the packaged jar in processes of their own.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
class ClusterIT {

    private static final Path WORK = Path.of("target/cluster-it").toAbsolutePath();
    private static final String DATABASE = "golive_cluster_it";

    @Autowired
    ItStack stack;
    @Autowired
    ContainerService containers;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;

    private GoliveServer nodeA;
    private GoliveServer nodeB;

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (GoliveServer node : new GoliveServer[] {nodeA, nodeB}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void aGoLiveStartedOnOneNodeIsFinishedByAnother() throws Exception {
        stack.reset();
        ItStack.deleteTree(WORK);
        Files.createDirectories(WORK);
        // the engine database on the 'it' environment's PostgreSQL, with its login
        ItStack.recreateDatabase(databases, stack.env(), DATABASE);
        GoliveProperties.Database server = stack.target().database();
        Map<String, String> engineDatabase = Map.of("GOLIVE_DB_URL", "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + DATABASE,
                "GOLIVE_DB_USER", server.user(), "GOLIVE_DB_PASSWORD", environments.databasePassword(ENV));
        String sharedData = "--golive.data-dir=" + WORK.resolve("shared-data");
        nodeA = new GoliveServer(WORK).withEnvironment(engineDatabase).start("node-a", sharedData, "--golive.node-id=node-a");
        nodeB = new GoliveServer(WORK).withEnvironment(engineDatabase).start("node-b", sharedData, "--golive.node-id=node-b");
        assertThat(nodeB.get("admin", "/engine-rest/process-definition/count?key=go-live").path("count").asInt())
                .as("the second node to start deploys nothing new").isEqualTo(1);

        nodeA.post("ops", "/api/environments/" + ENV + "/backups", "application/json", "");
        String id = nodeA.post("release", "/api/go-lives", "application/yaml", """
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                install: [golive_extra]
                update: [golive_demo]
                """).path("processInstanceId").asText();
        String goLiveId = nodeA.get("admin", "/engine-rest/process-instance/" + id).path("businessKey").asText();
        nodeA.passReadinessAndSignOffs(goLiveId);
        GoliveServer.await("the go/no-go task", Duration.ofSeconds(60),
                () -> nodeA.get("lead", "/engine-rest/task?processInstanceId=" + id), tasks -> tasks.size() == 1);
        nodeA.stop();

        nodeB.decideGo(id, "node A is down for patching");
        JsonNode done = nodeB.awaitEnd(id, Duration.ofMinutes(4));

        assertThat(done.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(nodeB.finished(id, "EndEvent_GoLiveCompleted")).isEqualTo(1);
        for (String step : List.of("Task_PrepareReleaseContainer", "Task_EnableMaintenance", "Task_KeepPreviousOdoo", "Task_BackUpDatabase",
                "Task_DeployOdooContainer", "Task_InstallAndUpdateModules", "Task_StartOdoo", "Task_WriteEvidenceDocuments")) {
            assertThat(nodeB.finished(id, step)).as("%s completed once", step).isEqualTo(1);
        }
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow().image()).isEqualTo(RELEASE);

        // one evidence log: what node A recorded (readiness, sign-offs) and what node B did (the deployment)
        String evidence = Files.readString(WORK.resolve("shared-data/evidence/" + goLiveId + ".jsonl"));
        assertThat(evidence).contains("\"step\":\"Task_CheckBackupRestore\"", "\"signedBy\":\"techlead\"",
                "\"step\":\"Task_BackUpDatabase\"", "\"step\":\"Task_ProbeLatency\"");
        String whatShipped = nodeB.text("lead", "/api/go-lives/" + goLiveId + "/documents/WHAT_SHIPPED.md");
        assertThat(whatShipped).contains("golive/odoo:18.0-2", "techlead", "node A is down for patching", goLiveId);
    }
}
