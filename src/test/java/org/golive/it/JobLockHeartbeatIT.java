package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.golive.it.ItStack.RELEASE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.golive.backup.BackupService;
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
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Short job locks with a heartbeat, on two golive nodes (the packaged jar, processes of their own) sharing one
 * PostgreSQL engine database. The target is an environment of its own on the local stack, 'heartbeat'
 * (it/heartbeat-environment.properties), so this test does not wait for the shared 'it' environment. The long step is the pre-deploy backup inside the window: the test holds an exclusive
 * lock on a table of the target database, so pg_dump waits (as a dump of a large database takes long) until the test
 * lets it go. The job lock is 15 s, extended every 5 s.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
@TestPropertySource(locations = "classpath:it/heartbeat-environment.properties")
@Import(ItSupport.class)
class JobLockHeartbeatIT {

    private static final String ENV = "heartbeat";
    private static final String TARGET_DATABASE = "golive_heartbeat";
    private static final Path ENVIRONMENT = Path.of("src/test/resources/it/heartbeat-environment.properties").toAbsolutePath();
    private static final Path WORK = Path.of("target/job-lock-heartbeat-it").toAbsolutePath();
    private static final String DATABASE = "golive_heartbeat_it";
    private static final Duration LOCK = Duration.ofSeconds(15);
    private static final String STEP = "Task_BackUpDatabase";

    @Autowired
    ItStack itStack;
    private ItStack stack;
    @Autowired
    ContainerService containers;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;
    @Autowired
    BackupService backups;

    private GoliveServer nodeA;
    private GoliveServer nodeB;
    private Connection hold;
    private String nightly;

    @AfterEach
    void stopNodes() throws Exception {
        if (hold != null) {
            hold.close();
        }
        for (GoliveServer node : new GoliveServer[] {nodeA, nodeB}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void aDeadNodesStepIsTakenByTheOtherWithinTheLock() throws Exception {
        String id = goLiveBlockedInTheBackup();
        String runner = lockOwner(id);
        GoliveServer dying = "node-a".equals(runner) ? nodeA : nodeB;
        GoliveServer survivor = dying == nodeA ? nodeB : nodeA;
        String survivorName = dying == nodeA ? "node-b" : "node-a";

        Instant killed = Instant.now();
        long pid = dying.killForGood();
        GoliveServer.await("the other node to take the step", LOCK.plusSeconds(30), () -> lockOwner(id), survivorName::equals);
        Duration takeover = Duration.between(killed, Instant.now());
        System.out.printf("JobLockHeartbeatIT: %s (pid %d) killed in %s; %s took the step after %d ms (lock %d ms)%n",
                runner, pid, STEP, survivorName, takeover.toMillis(), LOCK.toMillis());
        assertThat(takeover).as("taken within the lock and a round of acquisition").isLessThan(LOCK.plusSeconds(3));

        hold.commit();
        assertCompletedOnce(survivor, id);
    }

    @Test
    void aLiveNodeKeepsAStepThatRunsLongerThanTheLock() throws Exception {
        String id = goLiveBlockedInTheBackup();
        String runner = lockOwner(id);
        Timestamp firstExpiry = lockExpiry(id);

        Instant end = Instant.now().plus(LOCK.multipliedBy(5).dividedBy(2));
        Timestamp lastExpiry = firstExpiry;
        while (Instant.now().isBefore(end)) {
            assertThat(lockOwner(id)).as("still the step of the node running it").isEqualTo(runner);
            assertThat(pgDumps()).as("one pg_dump: nobody started the step again").isEqualTo(1);
            lastExpiry = lockExpiry(id);
            Thread.sleep(250);
        }
        System.out.printf("JobLockHeartbeatIT: %s kept %s for %d ms with a %d ms lock; its expiry moved %d ms%n", runner, STEP,
                LOCK.multipliedBy(5).dividedBy(2).toMillis(), LOCK.toMillis(), lastExpiry.getTime() - firstExpiry.getTime());
        assertThat(lastExpiry.getTime() - firstExpiry.getTime()).as("the lock was pushed forward")
                .isGreaterThan(LOCK.toMillis());

        hold.commit();
        assertCompletedOnce("node-a".equals(runner) ? nodeA : nodeB, id);
    }

    /** Both nodes up, a go-live signed off and decided; it waits in pg_dump, locked by one node. */
    private String goLiveBlockedInTheBackup() throws Exception {
        stack = itStack.forEnvironment(ENV);
        stack.reset();
        ItStack.deleteTree(WORK);
        Files.createDirectories(WORK);
        ItStack.recreateDatabase(databases, environments.target(ENV), DATABASE);
        GoliveProperties.Database server = stack.target().database();
        Map<String, String> engineDatabase = Map.of("GOLIVE_DB_URL", "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + DATABASE,
                "GOLIVE_DB_USER", server.user(), "GOLIVE_DB_PASSWORD", environments.databasePassword(ENV));
        String[] common = {"--golive.data-dir=" + WORK.resolve("shared-data"), "--spring.config.import=file:" + ENVIRONMENT,
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK.toMillis(),
                // pg_dump waits as long as the test holds its table: no tool timeout in between
                "--golive.steps.tool-timeout=10m",
                // the drill is a long step inside the window: the dump; a snapshot would end the test's session on the
                // database and copy it in seconds instead (SnapshotIT covers that path)
                "--golive.snapshot.enabled=false",
                // the drill is about job locks, and nobody plays the consider-rollback task here: the latency probe's p95
                // (2 s by default) on a machine loaded by a whole test run sent the go-live to that task once, and the test
                // then timed out waiting for an end (the probe has its own tests)
                "--golive.validation.latency." + ENV + ".p95-max=10m"};
        nodeA = new GoliveServer(WORK).withEnvironment(engineDatabase).start("node-a", with(common, "--golive.node-id=node-a"));
        nodeB = new GoliveServer(WORK).withEnvironment(engineDatabase).start("node-b", with(common, "--golive.node-id=node-b"));

        nightly = nodeA.post("ops", "/api/environments/" + ENV + "/backups", "application/json", "").path("id").asText();
        String id = nodeA.post("release", "/api/go-lives", "application/yaml", """
                image: golive/odoo
                tag: "18.0-2"
                environment: heartbeat
                install: [golive_extra]
                update: [golive_demo]
                """).path("processInstanceId").asText();
        nodeA.passReadinessAndSignOffs(nodeA.get("admin", "/engine-rest/process-instance/" + id).path("businessKey").asText());

        hold = databases.connect(environments.target(ENV));
        try (Statement sql = hold.createStatement()) {
            sql.execute("CREATE TABLE heartbeat_hold (id int)");
            hold.setAutoCommit(false);
            sql.execute("LOCK TABLE heartbeat_hold IN ACCESS EXCLUSIVE MODE");
        }
        nodeA.decideGo(id, "heartbeat drill");
        GoliveServer.await("pg_dump waiting for the held table", Duration.ofMinutes(3), this::pgDumps, n -> n == 1);
        assertThat(lockOwner(id)).isIn("node-a", "node-b");
        return id;
    }

    private void assertCompletedOnce(GoliveServer node, String id) throws Exception {
        JsonNode done = node.awaitEnd(id, Duration.ofMinutes(4));
        assertThat(done.path("state").asText()).isEqualTo("COMPLETED");
        for (String step : List.of("Task_PrepareReleaseContainer", "Task_EnableMaintenance", "Task_KeepPreviousOdoo", STEP,
                "Task_DeployOdooContainer", "Task_InstallAndUpdateModules", "Task_StartOdoo", "Task_WriteEvidenceDocuments")) {
            assertThat(node.finished(id, step)).as("%s completed once", step).isEqualTo(1);
        }
        String goLiveId = done.path("businessKey").asText();
        long backupsDone = Files.readAllLines(WORK.resolve("shared-data/evidence/" + goLiveId + ".jsonl")).stream()
                .filter(l -> l.contains("\"step\":\"" + STEP + "\"") && l.contains("\"result\":\"done\"")).count();
        assertThat(backupsDone).as("one backup in the evidence").isEqualTo(1);
        assertThat(backups.list(environments.target(ENV))).extracting(b -> b.id()).containsExactlyInAnyOrder(goLiveId, nightly);
        assertThat(containers.find(stack.target().dockerHost(), "golive-heartbeat-odoo").orElseThrow().image()).isEqualTo(RELEASE);
    }

    /** pg_dump sessions on the target database (pg_dump names itself as application). */
    private int pgDumps() throws SQLException {
        try (Connection connection = databases.connect(environments.target(ENV), "postgres"); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + TARGET_DATABASE + "' AND application_name = 'pg_dump'")) {
            row.next();
            return row.getInt(1);
        }
    }

    private String lockOwner(String processInstanceId) throws SQLException {
        return (String) job(processInstanceId, "lock_owner_");
    }

    private Timestamp lockExpiry(String processInstanceId) throws SQLException {
        return (Timestamp) job(processInstanceId, "lock_exp_time_");
    }

    /**
     * The step's job, by the go-live's own instance (the backup is in its deployment subprocess, not in a called
     * instance). Not by ROOT_PROC_INST_ID_: Camunda 7.24 writes that column back as null when a node acquires the job
     * by polling (updateAcquirableJob sets it, selectNextJobsToExecute reads it only with
     * jobExecutorAcquireExclusiveOverProcessHierarchies), which is exactly how the other node takes a dead node's step.
     */
    private Object job(String processInstanceId, String column) throws SQLException {
        try (Connection engine = databases.connect(environments.target(ENV), DATABASE);
             PreparedStatement sql = engine.prepareStatement("SELECT j." + column + " FROM act_ru_job j JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_"
                     + " WHERE d.act_id_ = ? AND j.process_instance_id_ = ?")) {
            sql.setString(1, STEP);
            sql.setString(2, processInstanceId);
            try (ResultSet row = sql.executeQuery()) {
                return row.next() ? row.getObject(1) : null;
            }
        }
    }

    private static String[] with(String[] common, String extra) {
        String[] all = java.util.Arrays.copyOf(common, common.length + 1);
        all[common.length] = extra;
        return all;
    }
}
