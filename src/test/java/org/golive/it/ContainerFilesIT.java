package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
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
import org.golive.backup.BackupService;
import org.golive.backup.FilestoreBackup;
import org.golive.config.Environments;
import org.golive.config.GoliveProperties.Container;
import org.golive.config.GoliveProperties.FilestoreAccess;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.golive.deploy.ContainerFiles;
import org.golive.deploy.DockerEngines;
import org.golive.readiness.GateRequest;
import org.golive.readiness.GateResult;
import org.golive.readiness.GateResult.Status;
import org.golive.readiness.OdooConfigGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Odoo's data in a named Docker volume golive never sees on its own file system (environment 'files',
 * filestore-access docker, no host path): the filestore is archived and restored through the Docker API and
 * odoo.conf read from the container. Own names: volume golive-it-files-data, container golive-it-files-odoo,
 * database golive_it_files, files under target/it-files. The container's image is the stand-in with a static
 * busybox as /bin/sh ({@link ShellStandin}: the real Odoo image has a shell; the stand-in is FROM scratch).
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"sandbox", "it"})
class ContainerFilesIT {

    private static final String ENV = "files";
    private static final String DB = "golive_it_files";
    private static final String CONTAINER = "golive-it-files-odoo";
    private static final String BIND_CONTAINER = "golive-it-files-bind";
    private static final String VOLUME = "golive-it-files-data";
    private static final String IMAGE = ShellStandin.IMAGE;
    private static final String FILESTORE = "/var/lib/odoo/filestore/" + DB;
    private static final Path DIR = Path.of("target/it-files").toAbsolutePath();
    private static final String HARDENED = """
            [options]
            list_db = False
            admin_passwd = it-files-master
            proxy_mode = True
            dbfilter = ^golive_it_files$
            workers = 2
            limit_memory_hard = 2684354560
            limit_memory_soft = 2147483648
            limit_time_cpu = 600
            limit_time_real = 1200
            """;

    @DynamicPropertySource
    static void filesEnvironment(DynamicPropertyRegistry registry) {
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
        registry.add(env + "container.mounts[0]", () -> VOLUME + ":/var/lib/odoo");
        registry.add(env + "backup-dir", () -> DIR.resolve("backups").toString());
        registry.add(env + "filestore-access", () -> "docker");
    }

    @Autowired
    BackupService backups;
    @Autowired
    OdooConfigGate odooConfig;
    @Autowired
    ContainerFiles files;
    @Autowired
    FilestoreBackup filestores;
    @Autowired
    TargetDatabases databases;
    @Autowired
    Environments environments;
    @Autowired
    DockerEngines engines;

    private DockerClient docker;

    @BeforeEach
    void volumeWithAFilestore() throws Exception {
        docker = engines.client(env().settings().dockerHost());
        removeContainer();
        try {
            docker.removeVolumeCmd(VOLUME).exec();
        } catch (NotFoundException e) {
            // first run
        }
        docker.createVolumeCmd().withName(VOLUME).exec();
        ShellStandin.build(docker);
        docker.createContainerCmd(IMAGE).withName(CONTAINER).withHostConfig(HostConfig.newHostConfig()
                .withBinds(Bind.parse(VOLUME + ":/var/lib/odoo")).withNetworkMode("none")).exec();
        Random random = new Random(14);
        Map<String, byte[]> content = new TreeMap<>();
        for (String name : List.of("ab/ab12", "ab/ab34", "cd/cd56", "ef/ef78")) {
            byte[] bytes = new byte[4096 + random.nextInt(8192)];
            random.nextBytes(bytes);
            content.put("filestore/" + DB + "/" + name, bytes);
        }
        put("/var/lib/odoo", content);
        ItStack.deleteTree(DIR);
        ItStack.recreateDatabase(databases, env(), DB);
        try (Connection connection = databases.connect(env()); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE ir_attachment (id serial PRIMARY KEY, store_fname varchar)");
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        removeContainer();
        ItStack.dropDatabase(databases, env(), DB);
    }

    @Test
    void restoreThroughDockerPutsBackTheArchivedFilestoreExactly() throws Exception {
        Map<String, String> before = volumeFilestore();
        BackupRecord backup = backups.backUp(env(), "files-it-1", null);
        assertThat(backup.filestoreAccess()).isEqualTo("docker");
        assertThat(archiveNames(Path.of(backup.filestoreArchive()))).contains(DB + "/ab/ab12", DB + "/ef/ef78");

        Docker.run("docker", "-H", env().settings().dockerHost(), "run", "--rm", "--network", "none", "--entrypoint", "rm",
                "-v", VOLUME + ":/var/lib/odoo", IMAGE, FILESTORE + "/ab/ab34");
        put("/var/lib/odoo", Map.of("filestore/" + DB + "/zz/stray", "written after the backup".getBytes(StandardCharsets.UTF_8)));
        assertThat(volumeFilestore()).doesNotContainKey(DB + "/ab/ab34").containsKey(DB + "/zz/stray");

        BackupRecord restored = backups.restoreFilestore(env(), backup.id());

        assertThat(restored.filestoreAccess()).isEqualTo("docker");
        assertThat(volumeFilestore()).isEqualTo(before);
        assertThat(Docker.names(env().settings().dockerHost(), "golive-files-")).isEmpty();
    }

    @Test
    void backupThroughDockerArchivesTheVolumesFilestoreWithItsOwner() throws Exception {
        BackupRecord backup = backups.backUp(env(), "files-it-2", null);

        Map<String, String> archived = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(backup.filestoreArchive())))) {
            archived.putAll(describe(in));
        }
        assertThat(archived).isEqualTo(volumeFilestore());
        assertThat(archived.get(DB + "/cd/cd56")).startsWith("101:101 ");
    }

    @Test
    void odooConfigIsReadThroughTheContainerAndPassesWhenHardened() throws Exception {
        put("/etc/odoo", Map.of("odoo.conf", HARDENED.getBytes(StandardCharsets.UTF_8)));

        GateResult result = odooConfig.check(request());

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.facts()).containsEntry("odooConfigAccess", "docker")
                .containsEntry("odooConfig", CONTAINER + ":/etc/odoo/odoo.conf").containsEntry("admin_passwd", "set");
    }

    @Test
    void odooConfigReadThroughTheContainerFailsNamingTheWeakOption() throws Exception {
        put("/etc/odoo", Map.of("odoo.conf", HARDENED.replace("list_db = False", "list_db = True").getBytes(StandardCharsets.UTF_8)));

        GateResult result = odooConfig.check(request());

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).contains("list_db must be False");
    }

    @Test
    void aMissingContainerIsInconclusiveForTheGateAndAnErrorNamingItForTheBackup() throws Exception {
        removeContainer();

        GateResult result = odooConfig.check(request());

        assertThat(result.status()).isEqualTo(Status.INCONCLUSIVE);
        assertThat(result.summary()).contains("no container " + CONTAINER);
        assertThatThrownBy(() -> backups.backUp(env(), "files-it-3", null))
                .isInstanceOf(ContainerFiles.NoContainerException.class).hasMessageContaining(CONTAINER);
    }

    @Test
    void anArchiveTakenByTheHostPathRestoresThroughDockerAndTheOtherWayRound() throws Exception {
        Path data = DIR.resolve("bind");
        Path filestore = Files.createDirectories(data.resolve("filestore/" + DB + "/ab"));
        Files.write(filestore.resolve("ab12"), new Random(7).ints(3000).collect(StringBuilder::new, StringBuilder::append,
                StringBuilder::append).toString().getBytes(StandardCharsets.UTF_8));
        Files.writeString(Files.createDirectories(data.resolve("filestore/" + DB + "/cd")).resolve("cd56"), "attachment");
        Docker.chown(data, 101);
        docker.createContainerCmd(IMAGE).withName(BIND_CONTAINER).withHostConfig(HostConfig.newHostConfig()
                .withBinds(Bind.parse(data + ":/var/lib/odoo")).withNetworkMode("none")).exec();
        Target local = bound(FilestoreAccess.LOCAL, data.resolve("filestore/" + DB));
        Target viaDocker = bound(FilestoreAccess.DOCKER, null);
        Map<String, String> before = filestoreOf(viaDocker);

        assertThat(filestores.archive(local, DB, DIR.resolve("by-host.tar.gz"))).isEqualTo("local");
        Files.delete(data.resolve("filestore/" + DB + "/ab/ab12"));
        assertThat(filestores.restore(viaDocker, DB, DIR.resolve("by-host.tar.gz"))).isEqualTo("docker");
        assertThat(filestoreOf(viaDocker)).isEqualTo(before);

        assertThat(filestores.archive(viaDocker, DB, DIR.resolve("by-docker.tar.gz"))).isEqualTo("docker");
        Files.delete(data.resolve("filestore/" + DB + "/cd/cd56"));
        assertThat(filestores.restore(local, DB, DIR.resolve("by-docker.tar.gz"))).isEqualTo("local");
        assertThat(filestoreOf(viaDocker)).isEqualTo(before);
    }

    // --- helpers ---

    /** The environment 'files' on a container whose data directory is a bind mount golive sees too. */
    private Target bound(FilestoreAccess access, Path filestore) {
        TargetEnvironment s = env().settings();
        Container c = s.container();
        Container container = new Container(BIND_CONTAINER, c.imageRepository(), c.env(), List.of(), c.ports(), c.networkMode(),
                c.labels(), c.stopTimeout(), c.memoryLimit(), c.allowedImageRepositories());
        return new Target(ENV, new TargetEnvironment(s.odooUrl(), s.database(), s.dockerHost(), s.dockerCertPath(), container,
                filestore, s.backupDir(), s.maintenance(), access, s.odooDataDir()));
    }

    private Map<String, String> filestoreOf(Target target) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        assertThat(files.copyOut(target, FILESTORE, tar)).isTrue();
        return describe(new ByteArrayInputStream(tar.toByteArray()));
    }


    private Target env() {
        return environments.target(ENV);
    }

    private GateRequest request() {
        return new GateRequest(env(), "golive/odoo", "18.0-1", "files-it");
    }

    /** name → "uid:gid sha256" (files) or "uid:gid dir" of the database's filestore in the volume, read through Docker. */
    private Map<String, String> volumeFilestore() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        assertThat(files.copyOut(env(), FILESTORE, tar)).isTrue();
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

    private static List<String> archiveNames(Path archive) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            return List.copyOf(describe(in).keySet());
        }
    }

    private void put(String at, Map<String, byte[]> content) throws IOException {
        OdooFiles.put(docker, CONTAINER, at, content);
    }

    private void removeContainer() {
        for (String name : List.of(CONTAINER, BIND_CONTAINER)) {
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
