package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.config.Environments;
import org.golive.config.GoliveProperties.Container;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerService;
import org.golive.deploy.DockerEngines;
import org.golive.readiness.BackupRestoreGate;
import org.golive.readiness.Gate;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.PostgresGate;
import org.golive.readiness.ReadinessGateService;
import org.golive.readiness.ReadinessProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Every readiness gate against the real stack, on an environment of its own ('readiness': database
 * golive_it_readiness, container golive-it-readiness-odoo, files under target/it-readiness), so it never
 * touches golive_it, golive-it-odoo or the sandbox.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
class ReadinessGatesIT {

    private static final String ENV = "readiness";
    private static final String DB = "golive_it_readiness";
    private static final String CONTAINER = "golive-it-readiness-odoo";
    private static final Path DIR = Path.of("target/it-readiness").toAbsolutePath();
    private static final Path CONF = DIR.resolve("odoo.conf");
    private static final String HARDENED = """
            [options]
            addons_path = /mnt/extra-addons
            data_dir = /var/lib/odoo
            list_db = False
            admin_passwd = it-readiness-master
            proxy_mode = True
            dbfilter = ^golive_it_readiness$
            workers = 2
            limit_memory_hard = 2684354560
            limit_memory_soft = 2147483648
            limit_time_cpu = 600
            limit_time_real = 1200
            """;

    @DynamicPropertySource
    static void readinessEnvironment(DynamicPropertyRegistry registry) {
        ItEnvironment env = ItEnvironment.of(registry, ENV, "http://127.0.0.1:1", DB).databaseOnLocalhost()
                .container(CONTAINER, "none");
        env.mount(CONF + ":/etc/odoo/odoo.conf:ro");
        env.set("filestore", DIR.resolve("filestore/" + DB).toString());
        env.set("backup-dir", DIR.resolve("backups").toString());
        // 'it' plays staging: this environment's release must have gone live there first
        registry.add("golive.readiness.staging-environment", () -> "it");
    }

    @Autowired
    ReadinessGateService gates;
    @Autowired
    BackupService backups;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;
    @Autowired
    DockerEngines engines;
    @Autowired
    ContainerService containers;
    @Autowired
    ObjectMapper json;

    private GateRequest release;

    @BeforeEach
    void ownEnvironment() throws Exception {
        release = new GateRequest(env(), "golive/odoo", "18.0-2", "readiness-18.0-2-it");
        removeContainer();
        ItStack.deleteTree(DIR);
        Files.createDirectories(DIR.resolve("filestore/" + DB));
        Files.writeString(DIR.resolve("filestore/" + DB + "/checksum.bin"), "attachment");
        Files.writeString(CONF, HARDENED);
        ItStack.recreateDatabase(databases, env(), DB);
        // the table the test restore reads; the rest of an Odoo database does not matter to the gate
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE ir_module_module (id serial PRIMARY KEY, name varchar NOT NULL, state varchar)");
            sql.execute("INSERT INTO ir_module_module (name, state) VALUES ('base', 'installed'), ('web', 'installed'), ('golive_demo', 'installed')");
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        removeContainer();
        ItStack.dropDatabase(databases, env(), DB);
    }

    @Test
    void imageTagPassesForAPresentTagAndFailsForAnAbsentOne() {
        GateResult present = gates.check(Gate.imageTag, release);
        assertThat(present.status()).isEqualTo(Status.PASS);
        assertThat((String) present.facts().get("imageId")).startsWith("sha256:");

        GateResult absent = gates.check(Gate.imageTag, new GateRequest(env(), "golive/odoo", "18.0-99", "x"));
        assertThat(absent.status()).isEqualTo(Status.FAIL);
        assertThat(absent.summary()).contains("golive/odoo:18.0-99");
    }

    @Test
    void stagingHistoryFailsWithoutAGoLiveOnStagingAndIsInconclusiveOnStagingItself() {
        // a tag no test ships: the engine database of the ITs is shared, and other ITs do complete go-lives on 'it'
        GateResult none = gates.check(Gate.stagingHistory, new GateRequest(env(), "golive/odoo", "18.0-never-shipped", "readiness-never"));
        assertThat(none.status()).isEqualTo(Status.FAIL);
        assertThat(none.summary()).contains("golive/odoo:18.0-never-shipped has not gone live successfully on it");

        GateResult onStaging = gates.check(Gate.stagingHistory, new GateRequest(environments.target("it"), "golive/odoo", "18.0-2", "x"));
        assertThat(onStaging.status()).isEqualTo(Status.INCONCLUSIVE);
    }

    @Test
    void postgresRecordsVersionAndFailsBelowTheHeadroom() {
        GateResult result = gates.check(Gate.postgres, release);
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat((String) result.facts().get("postgresVersion")).startsWith("15");
        assertThat((Integer) result.facts().get("maxConnections")).isPositive();
        assertThat((Integer) result.facts().get("clientConnections")).isPositive();

        // no server has every connection free: a 100 % minimum must fail on the real numbers
        PostgresGate strict = new PostgresGate(databases, new ReadinessProperties("staging", Duration.ofHours(24), 100, 3, Map.of()));
        GateResult tooFew = strict.check(release);
        assertThat(tooFew.status()).isEqualTo(Status.FAIL);
        assertThat(tooFew.summary()).contains("below 100 %");
    }

    @Test
    void backupRestoreFailsWithoutBackupThenRestoresARealOneIntoAScratchDatabaseAndDropsIt() throws Exception {
        GateResult none = gates.check(Gate.backupRestore, release);
        assertThat(none.status()).isEqualTo(Status.FAIL);
        assertThat(none.summary()).contains("no finished backup");

        BackupRecord backup = backups.backUp(env(), "readiness-it-1", "golive/odoo:18.0-1");
        GateResult restored = gates.check(Gate.backupRestore, release);
        assertThat(restored.status()).as(restored.summary()).isEqualTo(Status.PASS);
        assertThat(restored.facts()).containsEntry("backupId", backup.id()).containsEntry("dumpSha256", backup.dumpSha256())
                .containsEntry("moduleCount", 3L).containsEntry("scratchDropped", true).containsKey("restoreMillis");
        String scratch = (String) restored.facts().get("scratchDatabase");
        assertThat(scratch).startsWith(BackupRestoreGate.SCRATCH_PREFIX);
        assertThat(databaseExists(scratch)).as("scratch database %s dropped", scratch).isFalse();
    }

    @Test
    void backupRestoreFailsForABackupOlderThanTheMaximumAge() throws Exception {
        BackupRecord backup = backups.backUp(env(), "readiness-it-old", "golive/odoo:18.0-1");
        Path record = DIR.resolve("backups/" + backup.id() + "/backup.json");
        ObjectNode node = (ObjectNode) json.readTree(record.toFile());
        node.put("createdAt", Instant.now().minus(Duration.ofHours(30)).toString());
        json.writeValue(record.toFile(), node);

        GateResult old = gates.check(Gate.backupRestore, release);
        assertThat(old.status()).isEqualTo(Status.FAIL);
        assertThat(old.summary()).contains("readiness-it-old").contains("30 h old");
        assertThat(old.facts()).doesNotContainKey("scratchDatabase");
    }

    @Test
    void odooConfigPassesWhenHardenedAndFailsNamingTheWeakOption() throws IOException {
        GateResult hardened = gates.check(Gate.odooConfig, release);
        assertThat(hardened.status()).as(hardened.summary()).isEqualTo(Status.PASS);
        assertThat(hardened.facts()).containsEntry("odooConfig", CONF.toString()).containsEntry("admin_passwd", "set");
        assertThat(hardened.facts().values()).noneMatch(v -> String.valueOf(v).contains("it-readiness-master"));

        Files.writeString(CONF, HARDENED.replace("list_db = False", "list_db = True"));
        GateResult listDb = gates.check(Gate.odooConfig, release);
        assertThat(listDb.status()).isEqualTo(Status.FAIL);
        assertThat(listDb.summary()).contains("list_db must be False").doesNotContain("admin_passwd");

        Files.writeString(CONF, HARDENED.replace("admin_passwd = it-readiness-master", "admin_passwd = admin"));
        GateResult admin = gates.check(Gate.odooConfig, release);
        assertThat(admin.status()).isEqualTo(Status.FAIL);
        assertThat(admin.summary()).contains("admin_passwd").contains("default");

        Files.delete(CONF);
        assertThat(gates.check(Gate.odooConfig, release).status()).isEqualTo(Status.INCONCLUSIVE);
    }

    @Test
    void runtimeIsInconclusiveWithoutContainerFailsWithoutMemoryLimitAndPassesWithOne() {
        GateResult absent = gates.check(Gate.runtime, release);
        assertThat(absent.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(absent.summary()).contains("no container " + CONTAINER);

        startUnlimitedContainer();
        GateResult unlimited = gates.check(Gate.runtime, release);
        assertThat(unlimited.status()).as(unlimited.summary()).isEqualTo(Status.FAIL);
        assertThat(unlimited.summary()).contains("no memory limit");
        assertThat(unlimited.facts()).containsEntry("running", true).containsEntry("restartCount", 0);

        removeContainer();
        // the limit as golive itself sets it: from the environment's container spec (memory-limit)
        Container spec = environments.get(ENV).container();
        Container limitedSpec = new Container(spec.name(), spec.imageRepository(), Map.of("STANDIN_DB_WAIT_TIMEOUT", "600"),
                spec.mounts(), spec.ports(), spec.networkMode(), spec.labels(), spec.stopTimeout(), DataSize.ofMegabytes(512),
                spec.allowedImageRepositories());
        containers.create(environments.get(ENV).dockerHost(), limitedSpec, "golive/odoo:18.0-2", CONTAINER, List.of(), Map.of());
        containers.start(environments.get(ENV).dockerHost(), CONTAINER);
        GateResult limited = gates.check(Gate.runtime, release);
        assertThat(limited.status()).as(limited.summary()).isEqualTo(Status.PASS);
        assertThat(limited.facts()).containsEntry("memoryLimitBytes", 512L * 1024 * 1024).containsKey("headroomPercent");
    }

    /** The stand-in on no network waits for PostgreSQL, so it stays up long enough to be inspected. */
    private void startUnlimitedContainer() {
        DockerClient docker = engines.client(environments.get(ENV).dockerHost());
        docker.createContainerCmd("golive/odoo:18.0-2").withName(CONTAINER)
                .withEnv(List.of("STANDIN_DB_WAIT_TIMEOUT=600")).withLabels(Map.of("org.golive.environment", ENV))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec();
        docker.startContainerCmd(CONTAINER).exec();
    }

    private void removeContainer() {
        try {
            engines.client(environments.get(ENV).dockerHost()).removeContainerCmd(CONTAINER).withForce(true).exec();
        } catch (NotFoundException e) {
            // nothing left from an earlier run
        }
    }

    private boolean databaseExists(String name) throws Exception {
        try (Connection admin = databases.connect(env(), "postgres"); Statement sql = admin.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            row.next();
            return row.getInt(1) > 0;
        }
    }

    private Target env() {
        return environments.target(ENV);
    }
}
