package org.golive.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filestore archive's names, whichever tool wrote the tar. */
class FilestoreArchiveTest {

    @TempDir
    Path tmp;

    @Test
    void acceptsTheDatabaseDirectoryAndWhatIsBelowIt() throws IOException {
        byte[] tar = tar("mydb/", "mydb/ab/", "mydb/ab/ab12", "mydb/ab/" + "x".repeat(120));

        assertThat(FilestoreArchive.checkedNames(new ByteArrayInputStream(tar), "mydb"))
                .containsExactly("mydb/", "mydb/ab/", "mydb/ab/ab12", "mydb/ab/" + "x".repeat(120));
    }

    @Test
    void refusesAnArchiveOfAnotherDirectoryNamingIt() {
        byte[] tar = tar("otherdb/", "otherdb/ab/ab12");

        assertThatThrownBy(() -> FilestoreArchive.checkedNames(new ByteArrayInputStream(tar), "mydb"))
                .isInstanceOf(IOException.class).hasMessageContaining("otherdb/").hasMessageContaining("another directory");
    }

    @Test
    void refusesAPrefixThatIsOnlyAlike() {
        byte[] tar = tar("mydb2/ab12");

        assertThatThrownBy(() -> FilestoreArchive.checkedNames(new ByteArrayInputStream(tar), "mydb"))
                .isInstanceOf(IOException.class).hasMessageContaining("mydb2/ab12");
    }

    @Test
    void refusesAnEntryThatClimbsOut() {
        byte[] tar = tar("mydb/", "mydb/../../etc/passwd");

        assertThatThrownBy(() -> FilestoreArchive.checkedNames(new ByteArrayInputStream(tar), "mydb"))
                .isInstanceOf(IOException.class).hasMessageContaining("leaves the filestore directory");
    }

    @Test
    void theEmptyArchiveHasNoEntries() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FilestoreArchive.writeEmpty(out);

        assertThat(out.size()).isEqualTo(1024);
        assertThat(FilestoreArchive.checkedNames(new ByteArrayInputStream(out.toByteArray()), "mydb")).isEmpty();
    }

    @Test
    void readsWhatGnuTarWritesOnTheHostPath() throws Exception {
        Path filestore = Files.createDirectories(tmp.resolve("filestore/mydb/ab"));
        Files.writeString(filestore.resolve("ab12"), "attachment");
        Path archive = tmp.resolve("filestore.tar.gz");
        Process tar = new ProcessBuilder("tar", "--create", "--gzip", "--file=" + archive, "--directory=" + tmp.resolve("filestore"),
                "mydb").redirectErrorStream(true).start();
        assertThat(tar.waitFor()).isZero();

        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            assertThat(FilestoreArchive.checkedNames(in, "mydb")).containsExactly("mydb/", "mydb/ab/", "mydb/ab/ab12");
        }
    }

    /** A tar as the Docker API writes one (PAX for long names); a name ending in / is a directory. */
    private static byte[] tar(String... names) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String name : List.of(names)) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                byte[] data = name.endsWith("/") ? new byte[0] : name.getBytes();
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
