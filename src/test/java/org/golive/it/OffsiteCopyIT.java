package org.golive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.backup.OffsiteCopy;
import org.golive.backup.OffsiteCopy.CopiedFile;
import org.golive.backup.OffsiteCopy.Outcome;
import org.golive.backup.OffsiteProperties;
import org.golive.backup.OffsiteProperties.Destination;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.Ssh;
import org.golive.config.GoliveProperties.Steps;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.step.StepFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The off-site copy of a go-live's backup over SFTP to a real sshd of the test's own (on 127.0.0.1, logged in as the
 * test's user, so the "remote" files are on this disk and the test reads them back itself).
 */
class OffsiteCopyIT {

    private static final String ENV = "offsite";
    private static final String ID = "offsite-18.0-2-20261201-230000-abcd";
    private static final Path DIR = Path.of("target/it-offsite").toAbsolutePath();
    private static final Path BACKUPS = DIR.resolve("backups");
    private static final Path REMOTE = DIR.resolve("remote/golive-backups");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static Sshd sshd;
    private final BackupService backups = new BackupService(null, null, JSON, new GoliveProperties(null, null, null, null,
            new Steps("R3/PT1S", Duration.ofMinutes(1), 1), null, null, null, null, null), null);
    private final Target target = new Target(ENV, new TargetEnvironment(null, null, null, null, null, null, BACKUPS, null));

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = Sshd.start(Path.of("target/it-offsite-sshd").toAbsolutePath());
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void aVerifiedBackup() throws Exception {
        ItStack.deleteTree(DIR);
        Path dir = Files.createDirectories(BACKUPS.resolve(ID));
        Random random = new Random(12);
        byte[] dump = new byte[300_000];
        random.nextBytes(dump);
        byte[] archive = new byte[40_000];
        random.nextBytes(archive);
        Files.write(dir.resolve("database.dump"), dump);
        Files.write(dir.resolve("filestore.tar.gz"), archive);
        BackupRecord record = new BackupRecord(ID, ENV, "golive_offsite", dir.resolve("database.dump").toString(), dump.length,
                BackupService.sha256(dir.resolve("database.dump")), 7, dir.resolve("filestore.tar.gz").toString(), archive.length,
                BackupService.sha256(dir.resolve("filestore.tar.gz")), "golive/odoo:18.0-1", Instant.now());
        JSON.writeValue(dir.resolve("backup.json").toFile(), record);
    }

    private OffsiteCopy copy(boolean configured) {
        Ssh login = sshd.login();
        Map<String, Destination> offsite = configured ? Map.of(ENV, new Destination(login.host(), login.port(), login.user(),
                login.privateKeyFile(), login.knownHostsFile(), REMOTE.toString(), Duration.ofSeconds(60))) : Map.of();
        return new OffsiteCopy(backups, new OffsiteProperties(offsite));
    }

    @Test
    void copiesEveryFileOfTheBackupAndVerifiesItThereBySizeAndSha256() throws Exception {
        Outcome outcome = copy(true).copy(target, ID);

        assertThat(outcome.destination()).isEqualTo(sshd.login().user() + "@127.0.0.1:" + sshd.login().port() + ":" + REMOTE);
        assertThat(outcome.files()).extracting(CopiedFile::remotePath).containsExactly(REMOTE + "/" + ID + "/backup.json",
                REMOTE + "/" + ID + "/database.dump", REMOTE + "/" + ID + "/filestore.tar.gz");
        assertThat(outcome.sent()).isEqualTo(3);
        for (CopiedFile file : outcome.files()) {
            Path there = Path.of(file.remotePath());
            assertThat(Files.size(there)).isEqualTo(file.sizeBytes());
            assertThat(BackupService.sha256(there)).isEqualTo(file.sha256())
                    .isEqualTo(BackupService.sha256(BACKUPS.resolve(ID).resolve(there.getFileName())));
        }
        assertThat(Files.list(REMOTE.resolve(ID)).map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
    }

    @Test
    void aSecondRunFindsTheFilesThereAndSendsNothing() throws Exception {
        copy(true).copy(target, ID);
        Path dump = REMOTE.resolve(ID).resolve("database.dump");
        FileTime before = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(dump, before);

        Outcome again = copy(true).copy(target, ID);

        assertThat(again.sent()).isZero();
        assertThat(again.files()).hasSize(3).noneMatch(CopiedFile::sent);
        assertThat(Files.getLastModifiedTime(dump)).isEqualTo(before);
    }

    @Test
    void aDamagedCopyThereIsSentAgain() throws Exception {
        copy(true).copy(target, ID);
        Path dump = REMOTE.resolve(ID).resolve("database.dump");
        byte[] damaged = Files.readAllBytes(dump);
        damaged[1000] ^= 1;
        Files.write(dump, damaged);

        Outcome again = copy(true).copy(target, ID);

        assertThat(again.files()).filteredOn(CopiedFile::sent).extracting(CopiedFile::remotePath).containsExactly(dump.toString());
        assertThat(BackupService.sha256(dump)).isEqualTo(BackupService.sha256(BACKUPS.resolve(ID).resolve("database.dump")));
    }

    @Test
    void aBackupChangedSinceItWasVerifiedIsRefusedAndNothingIsSent() throws Exception {
        Files.writeString(BACKUPS.resolve(ID).resolve("database.dump"), "not the verified dump");

        assertThatThrownBy(() -> copy(true).copy(target, ID)).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("no longer matches its SHA-256");
        assertThat(REMOTE).doesNotExist();
    }

    @Test
    void anEnvironmentWithoutOffsiteDestinationCopiesNothing() {
        Outcome outcome = copy(false).copy(target, ID);

        assertThat(outcome.configured()).isFalse();
        assertThat(outcome.files()).isEmpty();
        assertThat(REMOTE).doesNotExist();
    }
}
