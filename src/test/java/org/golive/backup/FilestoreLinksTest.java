package org.golive.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filestore half of a restore point on a real file system: links, the swap by renames, a swap killed halfway. */
class FilestoreLinksTest {

    @TempDir
    Path root;
    Path filestore;

    @BeforeEach
    void aFilestore() throws IOException {
        filestore = root.resolve("filestore/golive_db");
        Files.createDirectories(filestore.resolve("ab"));
        Files.writeString(filestore.resolve("ab/ab12cd"), "attachment one");
        Files.writeString(filestore.resolve("ab/ab34ef"), "attachment two");
    }

    @Test
    void theSnapshotHardLinksEveryFile() throws IOException {
        long files = FilestoreLinks.snapshot(filestore, "golive_db_golive_1");

        Path linked = FilestoreLinks.place(filestore, "golive_db_golive_1").resolve("ab/ab12cd");
        assertThat(files).isEqualTo(2);
        assertThat(Files.getAttribute(linked, "unix:ino")).isEqualTo(Files.getAttribute(filestore.resolve("ab/ab12cd"), "unix:ino"));
    }

    @Test
    void aRepeatedSnapshotKeepsTheOneMadeBefore() throws IOException {
        FilestoreLinks.snapshot(filestore, "golive_db_golive_1");
        Files.writeString(filestore.resolve("ab/ab99ff"), "later");

        assertThat(FilestoreLinks.snapshot(filestore, "golive_db_golive_1")).isEqualTo(-1);
        assertThat(files(FilestoreLinks.place(filestore, "golive_db_golive_1"))).doesNotContainKey("ab/ab99ff");
    }

    @Test
    void theSwapPutsTheSnapshotBackAndKeepsTheFailedFilestoreAside() throws IOException {
        Map<String, String> before = files(filestore);
        FilestoreLinks.snapshot(filestore, "golive_db_golive_1");
        Files.writeString(filestore.resolve("ab/ab99ff"), "uploaded by the release");
        Files.delete(filestore.resolve("ab/ab34ef"));

        String state = FilestoreLinks.swapBack(filestore, "golive_db_golive_1", "golive_db_failed_1");

        assertThat(state).isEqualTo("swapped");
        assertThat(files(filestore)).isEqualTo(before);
        assertThat(files(FilestoreLinks.place(filestore, "golive_db_failed_1"))).containsKey("ab/ab99ff").doesNotContainKey("ab/ab34ef");
    }

    @Test
    void aSwapKilledAfterTheFirstRenameFinishesAndARepeatChangesNothing() throws IOException {
        Map<String, String> before = files(filestore);
        FilestoreLinks.snapshot(filestore, "golive_db_golive_1");
        Path aside = FilestoreLinks.place(filestore, "golive_db_failed_1");
        Files.createDirectories(aside.getParent());
        Files.move(filestore, aside);

        String finished = FilestoreLinks.swapBack(filestore, "golive_db_golive_1", "golive_db_failed_1");
        String repeated = FilestoreLinks.swapBack(filestore, "golive_db_golive_1", "golive_db_failed_1");

        assertThat(finished).isEqualTo("finished");
        assertThat(repeated).isEqualTo("already swapped");
        assertThat(files(filestore)).isEqualTo(before);
    }

    @Test
    void withoutSnapshotThereIsNothingToSwap() throws IOException {
        assertThat(FilestoreLinks.swapBack(filestore, "golive_db_golive_1", "golive_db_failed_1")).isEqualTo("none");
        assertThat(files(filestore)).hasSize(2);
    }

    @Test
    void removeDeletesTheSnapshotButNotTheFiles() throws IOException {
        FilestoreLinks.snapshot(filestore, "golive_db_golive_1");

        assertThat(FilestoreLinks.remove(filestore, "golive_db_golive_1")).isTrue();
        assertThat(root.resolve("filestore/.golive")).isEmptyDirectory();
        assertThat(files(filestore)).hasSize(2);
    }

    @Test
    void aCopyIsNamedByTheTimeAndRandomPartOfItsGoLive() {
        assertThat(SnapshotService.shortId("prod-18.0-2-20261201-193500-ab12")).isEqualTo("20261201193500ab12");
    }

    @Test
    void onlyMarkedCopiesExpire() {
        Instant made = Instant.parse("2026-12-01T10:00:00Z");
        Duration day = Duration.ofDays(1);

        assertThat(DatabaseCatalog.expiry("golive snapshot " + made, day, Duration.ofDays(7))).contains(made.plus(day));
        assertThat(DatabaseCatalog.expiry("golive failed " + made, day, Duration.ofDays(7))).contains(made.plus(Duration.ofDays(7)));
        assertThat(DatabaseCatalog.expiry("someone's copy", day, day)).isEmpty();
        assertThat(DatabaseCatalog.expiry(null, day, day)).isEmpty();
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(path).toString(), Files.readString(path));
            }
        }
        return files;
    }
}
