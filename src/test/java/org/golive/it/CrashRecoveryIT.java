package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.ENV;
import static org.golive.it.ItStack.PREVIOUS;
import static org.golive.it.ItStack.RELEASE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.golive.backup.BackupService;
import org.golive.deploy.ContainerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Kills the golive server (SIGKILL) in the middle of a go-live, after the backup and before validation,
 * restarts it on the same engine database, and checks that the same instance completes without doing the
 * finished work again. The server runs as its own process from the packaged jar, with a job lock of 45 min (far
 * longer than the production one, so that it cannot run out during the test): the step it was killed in runs again
 * as soon as it is back, not when the lock runs out. This JVM only watches.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@Import(ItSupport.class)
class CrashRecoveryIT {

    private static final Path WORK = Path.of("target/crash-it").toAbsolutePath();

    @Autowired
    ItStack stack;
    @Autowired
    ContainerService containers;
    @Autowired
    BackupService backups;

    private GoliveServer server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void killedServerResumesTheSameGoLiveWithoutRepeatingFinishedSteps() throws Exception {
        stack.reset();
        ItStack.deleteTree(WORK);
        Files.createDirectories(WORK);
        // the embedded default engine database: an H2 file under the data dir; a 45 min job lock: the restarted node
        // must take back its step at once, not when the killed node's lock runs out (NodeJobLocks)
        String dataDir = "--golive.data-dir=" + WORK.resolve("data");
        String longLock = "--camunda.bpm.job-execution.lock-time-in-millis=2700000";
        server = new GoliveServer(WORK).start("first", dataDir, longLock);

        String nightly = server.post("ops", "/api/environments/" + ENV + "/backups", "application/json", "").path("id").asText();
        String id = server.post("release", "/api/go-lives", "application/yaml", """
                image: golive/odoo
                tag: "18.0-2"
                environment: it
                install: [golive_extra]
                update: [golive_demo]
                """).path("processInstanceId").asText();
        String businessKey = server.get("admin", "/engine-rest/process-instance/" + id).path("businessKey").asText();
        server.passReadinessAndSignOffs(businessKey);
        server.decideGo(id, "crash drill");

        // kill while Odoo's CLI installs the modules: a step after the backup, in the middle of its work
        String cliPrefix = stack.target().container().name() + "-cli-";
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (stack.containerNames().stream().noneMatch(n -> n.startsWith(cliPrefix))) {
            assertThat(Instant.now()).as("module install never seen running").isBefore(deadline);
            assertThat(server.get("admin", "/engine-rest/history/activity-instance?processInstanceId=" + id
                    + "&activityId=CallActivity_ValidateRelease").size()).as("validation reached before the kill").isZero();
            Thread.sleep(20);
        }
        server.kill();
        String killedIn = "Task_InstallAndUpdateModules";

        server.start("second", dataDir, longLock);
        assertThat(Files.readString(server.log("second")))
                .as("the restarted node released the lock the killed one held")
                .containsPattern("released the locks it held before it stopped, to run again now: \\[[^]]*" + killedIn);
        JsonNode done = server.awaitEnd(id, Duration.ofMinutes(4));

        assertThat(done.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(server.finished(id, "EndEvent_GoLiveCompleted")).isEqualTo(1);
        for (String step : List.of("Task_PrepareReleaseContainer", "Task_EnableMaintenance", "Task_KeepPreviousOdoo", "Task_BackUpDatabase",
                "Task_DeployOdooContainer", "Task_InstallAndUpdateModules", "Task_StartOdoo")) {
            assertThat(server.finished(id, step)).as("%s completed once (killed in %s)", step, killedIn).isEqualTo(1);
        }
        String goLiveId = done.path("businessKey").asText();
        assertThat(backups.list(stack.env())).extracting(b -> b.id()).containsExactlyInAnyOrder(goLiveId, nightly);
        long backupEvidence = Files.readAllLines(WORK.resolve("data/evidence/" + goLiveId + ".jsonl")).stream()
                .filter(l -> l.contains("\"step\":\"Task_BackUpDatabase\"") && l.contains("\"result\":\"done\"")).count();
        assertThat(backupEvidence).isEqualTo(1);
        assertThat(stack.moduleState("golive_extra")).startsWith("installed");
        assertThat(stack.moduleState("golive_demo")).isEqualTo("installed 18.0.1.1.0");
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo").orElseThrow().image()).isEqualTo(RELEASE);
        assertThat(stack.containerNames()).containsExactlyInAnyOrder("golive-it-odoo", "golive-it-odoo-previous-" + goLiveId);
        assertThat(containers.find(stack.target().dockerHost(), "golive-it-odoo-previous-" + goLiveId).orElseThrow().image())
                .isEqualTo(PREVIOUS);
    }
}
