package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.LogConfig.LoggingType;
import com.github.dockerjava.api.model.Volume;
import org.golive.backup.BackupService;
import org.golive.config.Environments;
import org.golive.config.GoliveProperties;
import org.golive.config.TargetDatabases;
import org.golive.deploy.DockerEngines;
import org.golive.readiness.BackupRestoreGate;
import org.golive.readiness.EnvironmentGateProperties;
import org.golive.readiness.EnvironmentGateProperties.Bounds;
import org.golive.readiness.EnvironmentGateProperties.Platform;
import org.golive.readiness.Gate;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.PostgresGate;
import org.golive.readiness.PostgresSettingsGate;
import org.golive.readiness.ReadinessGateService;
import org.golive.readiness.ReadinessProperties;
import org.golive.support.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform gates against the real stack, on an environment of their own ('platform': database
 * golive_it_platform, container golive-it-platform-odoo of the stand-in golive/odoo:18.0-1, files under
 * target/it-platform). The containers are created, not started: everything the gates read is in the engine's inspect.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
class PlatformGatesIT {

    private static final String ENV = "platform";
    private static final String DB = "golive_it_platform";
    private static final String CONTAINER = "golive-it-platform-odoo";
    private static final String IMAGE = "golive/odoo:18.0-1";
    private static final Path DIR = Path.of("target/it-platform").toAbsolutePath();
    private static final Path CONF = DIR.resolve("odoo.conf");
    private static final Path DATA = DIR.resolve("odoo-data");

    @DynamicPropertySource
    static void platformEnvironment(DynamicPropertyRegistry registry) {
        ItEnvironment env = ItEnvironment.of(registry, ENV, "http://127.0.0.1:1", DB).databaseOnLocalhost()
                .container(CONTAINER, "none");
        env.set("container.env.PASSWORD_FILE", "/run/secrets/odoo-db-password");
        env.mount(CONF + ":/etc/odoo/odoo.conf:ro").mount(DATA + ":/var/lib/odoo");
        env.set("filestore", DATA.resolve("filestore/" + DB).toString());
        env.set("backup-dir", DIR.resolve("backups").toString());
        String platform = "golive.readiness.environments." + ENV + ".";
        registry.add(platform + "postgres-version", () -> "15");
        registry.add(platform + "pg-settings.shared_buffers.min", () -> "8MB");
        registry.add(platform + "pg-settings.work_mem.max", () -> "1GB");
        registry.add(platform + "pg-settings.max_connections.min", () -> "20");
        registry.add(platform + "rto", () -> "10m");
    }

    @Autowired
    ReadinessGateService gates;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;
    @Autowired
    DockerEngines engines;
    @Autowired
    BackupService backups;
    @Autowired
    Commands commands;
    @Autowired
    GoliveProperties golive;
    @Autowired
    ReadinessProperties readiness;

    private GateRequest release() {
        return new GateRequest(environments.target(ENV), "golive/odoo", "18.0-1", "platform-18.0-1-it");
    }

    @BeforeEach
    void ownEnvironment() throws Exception {
        removeContainer();
        ItStack.deleteTree(DIR);
        Files.createDirectories(DATA.resolve("filestore/" + DB));
        Files.writeString(CONF, "[options]\ndata_dir = /var/lib/odoo\nlist_db = False\n");
        odooOwns(DATA, DATA.resolve("filestore"), DATA.resolve("filestore/" + DB));
        ItStack.recreateDatabase(databases, environments.target(ENV), DB);
    }

    @AfterEach
    void cleanUp() throws Exception {
        removeContainer();
        ItStack.dropDatabase(databases, environments.target(ENV), DB);
    }

    @Test
    void postgresPassesOnThePinnedMajorVersion() {
        GateResult result = gates.check(Gate.postgres, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("postgresMajorVersion", 15).containsEntry("pinnedMajorVersion", 15);
    }

    @Test
    void postgresFailsOnAnotherMajorVersionThanThePinnedOne() {
        PostgresGate pinned16 = new PostgresGate(databases, readiness, platform(new Platform(16, null, true, "/var/lib/odoo", 101, null,
                Duration.ofDays(30))));
        GateResult result = pinned16.check(release());
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("pinned to 16");
    }

    @Test
    void postgresSettingsPassWithinTheBounds() {
        GateResult result = gates.check(Gate.postgresSettings, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsKeys("shared_buffers", "work_mem", "max_connections").containsEntry("shared_buffersBounds", ">= 8MB");
    }

    @Test
    void postgresSettingsFailOutsideTheBounds() {
        GateResult result = settingsGate(Map.of("shared_buffers", new Bounds("1TB", null), "max_connections", new Bounds(null, "5")))
                .check(release());
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("shared_buffers is").contains("below 1TB").contains("max_connections is").contains("above 5");
    }

    @Test
    void postgresSettingsAreInconclusiveWithoutBoundsOrForASettingTheServerLacks() {
        GateResult none = settingsGate(Map.of()).check(release());
        assertThat(none.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(none.summary()).contains("shared_buffers");
        GateResult lacking = settingsGate(Map.of("no_such_setting", new Bounds("1", null))).check(release());
        assertThat(lacking.status()).as(lacking.summary()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(lacking.summary()).contains("no_such_setting");
    }

    @Test
    void logRotationIsInconclusiveWithoutContainer() {
        GateResult result = gates.check(Gate.logRotation, release());
        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("no container " + CONTAINER);
    }

    @Test
    void logRotationFailsForJsonFileWithoutMaxSize() {
        create(List.of("PASSWORD_FILE=/run/secrets/x"), new LogConfig(LoggingType.JSON_FILE, Map.of()), true);
        GateResult result = gates.check(Gate.logRotation, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("without max-size");
    }

    @Test
    void logRotationPassesForJsonFileWithMaxSize() {
        create(List.of("PASSWORD_FILE=/run/secrets/x"), new LogConfig(LoggingType.JSON_FILE, Map.of("max-size", "10m", "max-file", "3")), true);
        GateResult result = gates.check(Gate.logRotation, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("logDriver", "json-file").containsEntry("maxSize", "10m");
    }

    @Test
    void containerSecretsFailForAPlainPasswordVariableWithoutRecordingItsValue() {
        create(List.of("PASSWORD=it-plain-secret", "HOST=127.0.0.1"), rotated(), true);
        GateResult result = gates.check(Gate.containerSecrets, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("[PASSWORD]");
        assertThat(result.facts().values()).noneMatch(v -> String.valueOf(v).contains("it-plain-secret"));
    }

    @Test
    void containerSecretsFailForDbPasswordInOdooConfBesideASecretFile() throws Exception {
        Files.writeString(CONF, "[options]\ndb_password = it-conf-secret\n");
        create(List.of("PASSWORD_FILE=/run/secrets/odoo-db-password"), rotated(), true);
        GateResult result = gates.check(Gate.containerSecrets, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("db_password");
        assertThat(result.facts().values()).noneMatch(v -> String.valueOf(v).contains("it-conf-secret"));
    }

    @Test
    void containerSecretsPassWithOnlyAPasswordFile() {
        create(List.of("PASSWORD_FILE=/run/secrets/odoo-db-password", "USER=odoo"), rotated(), true);
        GateResult result = gates.check(Gate.containerSecrets, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("passwordFileVariable", true).containsEntry("odooConfDbPassword", "absent");
    }

    @Test
    void containerSecretsAreInconclusiveWithoutContainer() {
        assertThat(gates.check(Gate.containerSecrets, release()).status()).isEqualTo(Status.INCONCLUSIVE);
    }

    @Test
    void filestorePassesForABindMountOdooCanWriteWithTheDatabasesDirectory() {
        create(List.of("PASSWORD_FILE=/run/secrets/x"), rotated(), true);
        GateResult result = gates.check(Gate.filestore, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("mountSource", DATA.toString()).containsEntry("mountWritable", true)
                .containsEntry("databaseFilestoreAccess", "owner 101:101, mode 0755");
    }

    @Test
    void filestoreFailsForTheImagesAnonymousVolume() {
        // no mount of its own: the image's VOLUME /var/lib/odoo gives the container an anonymous volume
        create(List.of("PASSWORD_FILE=/run/secrets/x"), rotated(), false);
        GateResult result = gates.check(Gate.filestore, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("anonymous volume");
    }

    @Test
    void filestoreFailsWhenOdoosUidCannotWrite() throws Exception {
        Files.setOwner(DATA.resolve("filestore/" + DB), DATA.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
        create(List.of("PASSWORD_FILE=/run/secrets/x"), rotated(), true);
        GateResult result = gates.check(Gate.filestore, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("not writable by uid 101");
    }

    @Test
    void filestoreFailsWithoutTheDatabasesDirectory() throws Exception {
        ItStack.deleteTree(DATA.resolve("filestore/" + DB));
        create(List.of("PASSWORD_FILE=/run/secrets/x"), rotated(), true);
        GateResult result = gates.check(Gate.filestore, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("filestore directory of database " + DB + " does not exist");
    }

    @Test
    void filestoreIsInconclusiveWithoutContainer() {
        assertThat(gates.check(Gate.filestore, release()).status()).isEqualTo(Status.INCONCLUSIVE);
    }

    @Test
    void backupRestorePassesWithinTheRto() throws Exception {
        moduleTable();
        backups.backUp(environments.target(ENV), "platform-it-rto", IMAGE);
        GateResult result = gates.check(Gate.backupRestore, release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("rtoMillis", 600_000L);
        assertThat(result.summary()).contains("within the RTO");
    }

    @Test
    void backupRestoreFailsWhenTheRestoreTakesLongerThanTheRto() throws Exception {
        moduleTable();
        backups.backUp(environments.target(ENV), "platform-it-rto-short", IMAGE);
        // no real restore takes under a millisecond: the measured time is over this RTO
        BackupRestoreGate oneMilli = new BackupRestoreGate(backups, databases, commands, readiness, golive,
                platform(new Platform(null, null, true, "/var/lib/odoo", 101, Duration.ofMillis(1), Duration.ofDays(30))));
        GateResult result = oneMilli.check(release());
        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("longer than its RTO of 1 ms");
        assertThat(result.facts()).containsEntry("scratchDropped", true);
    }

    private PostgresSettingsGate settingsGate(Map<String, Bounds> bounds) {
        return new PostgresSettingsGate(databases, platform(new Platform(null, bounds, true, "/var/lib/odoo", 101, null, Duration.ofDays(30))));
    }

    private static EnvironmentGateProperties platform(Platform platform) {
        return new EnvironmentGateProperties(Map.of(ENV, platform));
    }

    private static LogConfig rotated() {
        return new LogConfig(LoggingType.JSON_FILE, Map.of("max-size", "10m"));
    }

    private void moduleTable() throws Exception {
        try (Connection connection = databases.connect(environments.target(ENV)); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE ir_module_module (id serial PRIMARY KEY, name varchar NOT NULL, state varchar)");
            sql.execute("INSERT INTO ir_module_module (name, state) VALUES ('base', 'installed')");
        }
    }

    private static void odooOwns(Path... dirs) throws Exception {
        for (Path dir : dirs) {
            Files.setAttribute(dir, "unix:uid", 101);
            Files.setAttribute(dir, "unix:gid", 101);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private void create(List<String> env, LogConfig log, boolean mountData) {
        List<Bind> binds = new ArrayList<>();
        binds.add(new Bind(CONF.toString(), new Volume("/etc/odoo/odoo.conf")));
        if (mountData) {
            binds.add(new Bind(DATA.toString(), new Volume("/var/lib/odoo")));
        }
        docker().createContainerCmd(IMAGE).withName(CONTAINER).withEnv(env)
                .withLabels(Map.of("org.golive.environment", ENV))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withLogConfig(log).withBinds(binds)).exec();
    }

    private DockerClient docker() {
        return engines.client(environments.get(ENV).dockerHost());
    }

    private void removeContainer() {
        try {
            docker().removeContainerCmd(CONTAINER).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // nothing left from an earlier run
        }
    }
}
