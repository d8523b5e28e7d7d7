package org.golive.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.golive.config.GoliveProperties.Steps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFormatTest {

    private static Steps steps(String format, int jobs) {
        return new Steps("R3/PT10S", Duration.ofMinutes(30), 1, format, jobs);
    }

    @Test
    void directoryFormatDumpsWithTheConfiguredJobs() {
        DumpFormat format = new DumpFormat(steps("directory", 3));

        assertThat(format.fileName()).isEqualTo("database.dir");
        assertThat(format.dumpArgv("/b/database.dir.partial", "golive_prod")).containsExactly("pg_dump", "--format=directory",
                "--jobs=3", "--compress=1", "--no-owner", "--file=/b/database.dir.partial", "golive_prod");
    }

    @Test
    void customFormatIsUnchanged() {
        DumpFormat format = new DumpFormat(steps("custom", 0));

        assertThat(format.fileName()).isEqualTo("database.dump");
        assertThat(format.dumpArgv("/b/database.dump.partial", "golive_prod"))
                .isEqualTo(BackupService.dumpArgv(1, "/b/database.dump.partial", "golive_prod"));
    }

    @Test
    void eitherFormatRestoresWithTheJobsAndOneJobWithoutTheOption() {
        assertThat(new DumpFormat(steps("custom", 2)).restoreArgv("/b/database.dump", "golive_prod"))
                .containsExactly("pg_restore", "--no-owner", "--exit-on-error", "--jobs=2", "--dbname=golive_prod", "/b/database.dump");
        assertThat(new DumpFormat(steps("directory", 1)).restoreArgv("/b/database.dir", "golive_prod"))
                .containsExactly("pg_restore", "--no-owner", "--exit-on-error", "--dbname=golive_prod", "/b/database.dir");
    }

    @Test
    void zeroJobsMeansOnePerProcessor() {
        assertThat(steps("directory", 0).effectiveDumpJobs()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void anUnknownFormatOrNegativeJobsIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> steps("tar", 0)).hasMessageContaining("golive.steps.dump-format").hasMessageContaining("'tar'");
        assertThatThrownBy(() -> steps("directory", -1)).hasMessageContaining("golive.steps.dump-jobs");
    }

    @Test
    void aDirectoryChecksumCoversEveryFileAndItsName(@TempDir Path dir) throws Exception {
        Path dump = Files.createDirectories(dir.resolve("database.dir"));
        Files.writeString(dump.resolve("toc.dat"), "toc");
        Files.writeString(dump.resolve("3001.dat.gz"), "rows");
        String original = DumpFormat.directorySha256(dump);

        assertThat(DumpFormat.directorySha256(dump)).as("stable").isEqualTo(original);
        assertThat(BackupService.sha256(dump)).isEqualTo(original);
        assertThat(DumpFormat.size(dump)).isEqualTo(7);
        Files.move(dump.resolve("3001.dat.gz"), dump.resolve("3002.dat.gz"));
        assertThat(DumpFormat.directorySha256(dump)).as("renamed file").isNotEqualTo(original);
        Files.move(dump.resolve("3002.dat.gz"), dump.resolve("3001.dat.gz"));
        assertThat(DumpFormat.directorySha256(dump)).isEqualTo(original);
        Files.writeString(dump.resolve("3003.dat.gz"), "");
        assertThat(DumpFormat.directorySha256(dump)).as("added empty file").isNotEqualTo(original);
    }
}
