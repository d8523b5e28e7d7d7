package org.golive.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell scripts a one-off container runs for a snapshot inside the Odoo container's mounts, run here by the host's
 * /bin/sh and coreutils (what the official odoo image has): the same outcomes as {@link FilestoreLinks}. DockerFilestoreIT
 * runs them in a container on a named volume.
 */
class SnapshotFilestoresTest {

    @TempDir
    Path data;
    Path filestore;
    Path root;

    @BeforeEach
    void aFilestore() throws IOException {
        filestore = Files.createDirectories(data.resolve("filestore/mydb/ab"));
        filestore = filestore.getParent();
        Files.writeString(filestore.resolve("ab/ab12"), "one");
        Files.writeString(filestore.resolve("ab/ab34"), "two");
        root = data.resolve("filestore/.golive");
    }

    @Test
    void linkMakesHardLinksUnderTheSameNamesAsTheLocalPath() throws Exception {
        assertThat(sh(SnapshotFilestores.LINK, filestore.toString(), root.toString(), "snap")).isEqualTo("linked 2");

        Path linked = FilestoreLinks.place(filestore, "snap").resolve("ab/ab12");
        assertThat(Files.getAttribute(linked, "unix:ino")).isEqualTo(Files.getAttribute(filestore.resolve("ab/ab12"), "unix:ino"));
        assertThat(root.resolve("snap.partial")).doesNotExist();
    }

    @Test
    void aRepeatedLinkFindsTheSnapshot() throws Exception {
        sh(SnapshotFilestores.LINK, filestore.toString(), root.toString(), "snap");

        assertThat(sh(SnapshotFilestores.LINK, filestore.toString(), root.toString(), "snap")).isEqualTo("existed");
    }

    @Test
    void swapBackPutsThePreDeployFilesBackAndARepeatChangesNothing() throws Exception {
        sh(SnapshotFilestores.LINK, filestore.toString(), root.toString(), "snap");
        Files.delete(filestore.resolve("ab/ab34"));
        Files.writeString(filestore.resolve("ab/ab99"), "release");

        assertThat(sh(SnapshotFilestores.SWAP, filestore.toString(), root.toString(), "snap", "failed")).isEqualTo("swapped");
        assertThat(sh(SnapshotFilestores.SWAP, filestore.toString(), root.toString(), "snap", "failed")).isEqualTo("already swapped");
        assertThat(names(filestore.resolve("ab"))).containsExactly("ab12", "ab34");
        assertThat(names(FilestoreLinks.place(filestore, "failed").resolve("ab"))).containsExactly("ab12", "ab99");
    }

    @Test
    void aSwapKilledBetweenItsRenamesFinishes() throws Exception {
        sh(SnapshotFilestores.LINK, filestore.toString(), root.toString(), "snap");
        Files.createDirectories(root.resolve("failed"));
        Files.move(filestore, FilestoreLinks.place(filestore, "failed"));

        assertThat(sh(SnapshotFilestores.SWAP, filestore.toString(), root.toString(), "snap", "failed")).isEqualTo("finished");
        assertThat(names(filestore.resolve("ab"))).containsExactly("ab12", "ab34");
    }

    @Test
    void removeDropsTheSnapshotOnceAndLeavesTheFilestore() throws Exception {
        sh(SnapshotFilestores.LINK, filestore.toString(), root.toString(), "snap");

        assertThat(sh(SnapshotFilestores.REMOVE, root.toString(), "snap")).isEqualTo("removed");
        assertThat(sh(SnapshotFilestores.REMOVE, root.toString(), "snap")).isEqualTo("absent");
        assertThat(Files.getAttribute(filestore.resolve("ab/ab12"), "unix:nlink")).isEqualTo(1);
    }

    private static String sh(String script, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
