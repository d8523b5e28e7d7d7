package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.golive.backup.BackupRecord;
import org.golive.backup.RestorePoints;
import org.golive.backup.SnapshotService;
import org.golive.backup.SnapshotService.Attempt;
import org.golive.backup.SnapshotService.Names;
import org.golive.backup.SnapshotService.Swap;
import org.golive.config.Environments;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerFiles;
import org.golive.deploy.DockerEngines;
import org.golive.readiness.ContainerSecretsGate;
import org.golive.readiness.FilestoreGate;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Odoo on another host than golive, for the restore point and the gates: the filestore lives in a named Docker volume
 * that golive reaches only through its Docker host (filestore-access docker, no host path). The snapshot links the
 * files inside the volume, swaps back and is dropped by one-off containers with the Odoo container's mounts; the
 * filestore and secrets gates read the container's side. Own names: volume golive-it-dockerfs-data, container
 * golive-it-dockerfs-odoo, databases golive_it_dockerfs*, files under target/it-dockerfs.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
class DockerFilestoreIT {

    private static final String ENV = "dockerfs";
    private static final String DB = "golive_it_dockerfs";
    private static final String CONTAINER = "golive-it-dockerfs-odoo";
    private static final String VOLUME = "golive-it-dockerfs-data";
    private static final String GO_LIVE = "dockerfs-18.0-2-20261202-020000-ab12";
    private static final String FILESTORE = "/var/lib/odoo/filestore/" + DB;
    private static final Path DIR = Path.of("target/it-dockerfs").toAbsolutePath();

    @DynamicPropertySource
    static void dockerEnvironment(DynamicPropertyRegistry registry) {
        String it = "golive.environments.it.";
        String env = "golive.environments." + ENV + ".";
        registry.add(env + "odoo-url", () -> "http://127.0.0.1:1");
        registry.add(env + "docker-host", () -> "${" + it + "docker-host}");
        registry.add(env + "database.host", () -> "127.0.0.1");
        registry.add(env + "database.port", () -> "5432");
        registry.add(env + "database.name", () -> DB);
        registry.add(env + "database.user", () -> "odoo");
        registry.add(env + "database.password-file", () -> "${" + it + "database.password-file}");
        registry.add(env + "container.name", () -> CONTAINER);
        registry.add(env + "container.image-repository", () -> "golive/odoo");
        registry.add(env + "container.network-mode", () -> "none");
        registry.add(env + "container.env.PASSWORD_FILE", () -> "/run/secrets/odoo-db-password");
        registry.add(env + "container.mounts[0]", () -> VOLUME + ":/var/lib/odoo");
        registry.add(env + "backup-dir", () -> DIR.resolve("backups").toString());
        registry.add(env + "filestore-access", () -> "docker");
    }

    @Autowired
    SnapshotService snapshots;
    @Autowired
    RestorePoints restorePoints;
    @Autowired
    FilestoreGate filestoreGate;
    @Autowired
    ContainerSecretsGate secretsGate;
    @Autowired
    ContainerFiles files;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;
    @Autowired
    DockerEngines engines;

    private DockerClient docker;
    private Names names;

    @BeforeEach
    void volumeWithAFilestoreAndADatabase() throws Exception {
        docker = engines.client(env().settings().dockerHost());
        names = snapshots.names(env(), GO_LIVE);
        removeContainer();
        try {
            docker.removeVolumeCmd(VOLUME).exec();
        } catch (NotFoundException e) {
            // first run
        }
        docker.createVolumeCmd().withName(VOLUME).exec();
        createOdoo(ShellStandin.build(docker));
        Random random = new Random(14);
        Map<String, byte[]> content = new TreeMap<>();
        for (String name : List.of("ab/ab12", "ab/ab34", "cd/cd56", "ef/ef78")) {
            byte[] bytes = new byte[4096 + random.nextInt(8192)];
            random.nextBytes(bytes);
            content.put("filestore/" + DB + "/" + name, bytes);
        }
        put("/var/lib/odoo", content);
        ItStack.deleteTree(DIR);
        try (Connection admin = databases.connect(env(), "postgres"); Statement sql = admin.createStatement()) {
            List<String> ours = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT datname FROM pg_database WHERE starts_with(datname, '" + DB + "')")) {
                while (rows.next()) {
                    ours.add(rows.getString(1));
                }
            }
            for (String database : ours) {
                sql.execute("DROP DATABASE \"" + database + "\" WITH (FORCE)");
            }
            sql.execute("CREATE DATABASE " + DB);
        }
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE ir_attachment (id serial PRIMARY KEY, store_fname varchar)");
            sql.execute("INSERT INTO ir_attachment (store_fname) VALUES ('ab/ab12'), ('ab/ab34'), ('cd/cd56'), ('ef/ef78')");
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        removeContainer();
        try (Connection admin = databases.connect(env(), "postgres"); Statement sql = admin.createStatement()) {
            for (String database : List.of(DB, names.snapshot(), names.failed())) {
                sql.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            }
        }
    }

    @Test
    void theSnapshotLinksTheVolumesFilesInsteadOfCopyingThem() {
        Attempt attempt = snapshots.take(env(), GO_LIVE);

        assertThat(attempt.refusedBecause()).isNull();
        assertThat(attempt.snapshot().files()).isEqualTo(4);
        String linked = "/var/lib/odoo/filestore/.golive/" + names.snapshot() + "/" + DB;
        assertThat(attempt.snapshot().filestoreSnapshot()).isEqualTo(Path.of(linked));
        // inode and link count seen inside the volume: the same inode twice, nothing copied
        String[] live = stat(FILESTORE + "/cd/cd56").split(" ");
        String[] snapshot = stat(linked + "/cd/cd56").split(" ");
        assertThat(snapshot[0]).isEqualTo(live[0]);
        assertThat(Integer.parseInt(live[1])).isEqualTo(2);
    }

    @Test
    void withDockerFilestoreAccessTheWindowTakesASnapshotInsteadOfTheDump() {
        RestorePoints.InWindow point = restorePoints.takeInWindow(env(), GO_LIVE, "golive/odoo:18.0-1");

        assertThat(point.snapshotRefused()).isNull();
        assertThat(point.backup()).isNull();
        assertThat(point.snapshot().snapshotDatabase()).isEqualTo(names.snapshot());
        assertThat(DIR.resolve("backups")).doesNotExist();
    }

    @Test
    void theSwapBackRestoresThePreDeployFilesAndKeepsTheFailedOnesAside() throws Exception {
        Map<String, String> before = tree(FILESTORE);
        snapshots.take(env(), GO_LIVE);
        releaseChangesTheFilestore();

        Swap swap = snapshots.swapBack(env(), GO_LIVE).orElseThrow();

        assertThat(swap.filestoreState()).isEqualTo("swapped");
        assertThat(tree(FILESTORE)).isEqualTo(before);
        assertThat(swap.failedFilestore()).isEqualTo(Path.of("/var/lib/odoo/filestore/.golive/" + names.failed() + "/" + DB));
        assertThat(tree(swap.failedFilestore().toString())).containsKey(DB + "/zz/stray").doesNotContainKey(DB + "/ab/ab34");
        assertThat(Docker.names(env().settings().dockerHost(), "golive-files-")).isEmpty();
    }

    @Test
    void aRepeatedSwapChangesNothing() throws Exception {
        Map<String, String> before = tree(FILESTORE);
        snapshots.take(env(), GO_LIVE);
        releaseChangesTheFilestore();
        snapshots.swapBack(env(), GO_LIVE).orElseThrow();

        Swap again = snapshots.swapBack(env(), GO_LIVE).orElseThrow();

        assertThat(List.of(again.databaseState(), again.filestoreState())).containsExactly("already swapped", "already swapped");
        assertThat(tree(FILESTORE)).isEqualTo(before);
    }

    @Test
    void aSwapKilledAfterItsFirstRenameFinishesWhenRepeated() throws Exception {
        Map<String, String> before = tree(FILESTORE);
        snapshots.take(env(), GO_LIVE);
        releaseChangesTheFilestore();
        // what a kill between the renames leaves: the live names moved aside, the snapshots not yet in place
        try (Connection admin = databases.connect(env(), "postgres"); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + DB + " RENAME TO " + names.failed());
        }
        String aside = "/var/lib/odoo/filestore/.golive/" + names.failed();
        busybox("sh", "-c", "mkdir -p " + aside + " && mv " + FILESTORE + " " + aside + "/" + DB);

        Swap swap = snapshots.swapBack(env(), GO_LIVE).orElseThrow();

        assertThat(List.of(swap.databaseState(), swap.filestoreState())).containsExactly("finished", "finished");
        assertThat(tree(FILESTORE)).isEqualTo(before);
    }

    @Test
    void theSwapBackReachesTheVolumeWhileTheRollbackHasSetTheFailedContainerAside() throws Exception {
        Map<String, String> before = tree(FILESTORE);
        snapshots.take(env(), GO_LIVE);
        releaseChangesTheFilestore();
        // the rollback sets the release container aside before the swap: the environment's name is free
        docker.renameContainerCmd(CONTAINER).withName(CONTAINER + "-failed-" + GO_LIVE).exec();

        Swap swap = snapshots.swapBack(env(), GO_LIVE).orElseThrow();

        docker.renameContainerCmd(CONTAINER + "-failed-" + GO_LIVE).withName(CONTAINER).exec();
        assertThat(swap.filestoreState()).isEqualTo("swapped");
        assertThat(tree(FILESTORE)).isEqualTo(before);
    }

    @Test
    void theDropRemovesTheFilestoreSnapshotAndLeavesTheFilestore() throws Exception {
        Map<String, String> before = tree(FILESTORE);
        snapshots.take(env(), GO_LIVE);

        List<String> dropped = snapshots.drop(env(), GO_LIVE);

        String linked = "/var/lib/odoo/filestore/.golive/" + names.snapshot();
        assertThat(dropped).containsExactly(names.snapshot(), linked + "/" + DB);
        assertThat(files.copyOut(env(), linked, new ByteArrayOutputStream())).isFalse();
        assertThat(tree(FILESTORE)).isEqualTo(before);
        assertThat(stat(FILESTORE + "/cd/cd56").split(" ")[1]).isEqualTo("1");
    }

    @Test
    void theOffHostBackupArchivesTheSnapshotsFilesThroughDocker() throws Exception {
        Map<String, String> before = tree(FILESTORE);
        snapshots.take(env(), GO_LIVE);
        releaseChangesTheFilestore();

        BackupRecord backup = restorePoints.backUpSnapshot(env(), GO_LIVE, "golive/odoo:18.0-1");

        assertThat(backup.filestoreAccess()).isEqualTo("docker");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(backup.filestoreArchive())))) {
            assertThat(describe(in)).isEqualTo(before);
        }
    }

    @Test
    void theFilestoreGatePassesReadingTheVolumeThroughTheContainer() {
        GateResult result = filestoreGate.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("filestoreGateAccess", "docker").containsEntry("databaseFilestore", FILESTORE)
                .containsEntry("databaseFilestoreAccess", "owner 101:101, mode 0755");
    }

    @Test
    void theFilestoreGateFailsThroughTheContainerWithoutTheDatabasesDirectory() {
        busybox("rm", "-rf", FILESTORE);

        GateResult result = filestoreGate.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("filestore directory of database " + DB + " does not exist");
    }

    @Test
    void theFilestoreGateIsInconclusiveWhenTheImageHasNoShellToReadTheVolume() {
        removeContainer();
        createOdoo("golive/odoo:18.0-1");

        GateResult result = filestoreGate.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("its image needs sh and stat");
    }

    @Test
    void theSecretsGatePassesReadingOdooConfThroughTheContainer() throws Exception {
        put("/etc/odoo", Map.of("odoo.conf", "[options]\nlist_db = False\n".getBytes(StandardCharsets.UTF_8)));

        GateResult result = secretsGate.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("odooConfigAccess", "docker").containsEntry("odooConfDbPassword", "absent");
    }

    @Test
    void theSecretsGateFailsForDbPasswordInOdooConfReadThroughTheContainer() throws Exception {
        put("/etc/odoo", Map.of("odoo.conf", "[options]\ndb_password = it-dockerfs-secret\n".getBytes(StandardCharsets.UTF_8)));

        GateResult result = secretsGate.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("db_password").contains(CONTAINER + ":/etc/odoo/odoo.conf");
        assertThat(result.facts().values()).noneMatch(v -> String.valueOf(v).contains("it-dockerfs-secret"));
    }

    // --- helpers ---

    private Target env() {
        return environments.target(ENV);
    }

    private GateRequest request() {
        return new GateRequest(env(), "golive/odoo", "18.0-1", "dockerfs-it");
    }

    private void createOdoo(String image) {
        docker.createContainerCmd(image).withName(CONTAINER).withEnv("PASSWORD_FILE=/run/secrets/odoo-db-password")
                .withHostConfig(HostConfig.newHostConfig().withBinds(Bind.parse(VOLUME + ":/var/lib/odoo")).withNetworkMode("none"))
                .exec();
    }

    /** What the release does to the filestore: an attachment deleted, one uploaded. */
    private void releaseChangesTheFilestore() throws IOException {
        busybox("rm", FILESTORE + "/ab/ab34");
        put("/var/lib/odoo", Map.of("filestore/" + DB + "/zz/stray", "uploaded by the release".getBytes(StandardCharsets.UTF_8)));
    }

    /** "inode links" of a file in the volume, as a container on it sees them. */
    private String stat(String path) {
        return busybox("stat", "-c", "%i %h", path).strip();
    }

    private String busybox(String... argv) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", env().settings().dockerHost(), "run", "--rm", "--network",
                "none", "--user", "101:101", "--entrypoint", "/bin/busybox", "-v", VOLUME + ":/var/lib/odoo", ShellStandin.IMAGE));
        command.addAll(List.of(argv));
        return Docker.run(command.toArray(String[]::new));
    }

    /** name → "uid:gid sha256" (files) or "uid:gid dir" of a directory in the volume, read through Docker. */
    private Map<String, String> tree(String directory) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        assertThat(files.copyOut(env(), directory, tar)).isTrue();
        return describe(new ByteArrayInputStream(tar.toByteArray()));
    }

    private static Map<String, String> describe(InputStream tar) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
            String name = entry.getName().replaceFirst("/$", "");
            String owner = entry.getLongUserId() + ":" + entry.getLongGroupId() + " ";
            entries.put(name, owner + (entry.isDirectory() ? "dir" : sha256(in.readAllBytes())));
        }
        return entries;
    }

    private void put(String at, Map<String, byte[]> content) throws IOException {
        OdooFiles.put(docker, CONTAINER, at, content);
    }

    private void removeContainer() {
        for (String name : List.of(CONTAINER, CONTAINER + "-failed-" + GO_LIVE)) {
            try {
                docker.removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException e) {
                // not there
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
