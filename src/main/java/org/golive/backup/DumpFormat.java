package org.golive.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.golive.config.GoliveProperties.Steps;

/**
 * How a backup's database dump is written and read back: {@code custom} (one file, {@code database.dump}) or
 * {@code directory} (one file per table in {@code database.dir/}, dumped by several processes). Either restores
 * with {@code --jobs}.
 * A directory dump is one unit to the rest of golive: its size is the sum of its files, its SHA-256 covers them
 * all in a stable order, and it is moved and deleted whole.
 */
public final class DumpFormat {

    static final String CUSTOM_FILE = BackupService.DUMP;
    static final String DIRECTORY_FILE = "database.dir";

    private final boolean directory;
    private final int compression;
    private final int jobs;

    public DumpFormat(Steps steps) {
        this.directory = "directory".equals(steps.dumpFormat());
        this.compression = steps.dumpCompression();
        this.jobs = steps.effectiveDumpJobs();
    }

    /** The dump's name inside the backup's directory. */
    public String fileName() {
        return directory ? DIRECTORY_FILE : CUSTOM_FILE;
    }

    /** The pg_dump command, as it runs and as the evidence records it. */
    public List<String> dumpArgv(String file, String database) {
        if (!directory) {
            return BackupService.dumpArgv(compression, file, database);
        }
        return List.of("pg_dump", "--format=directory", "--jobs=" + jobs, "--compress=" + compression, "--no-owner",
                "--file=" + file, database);
    }

    /**
     * The pg_restore command into an existing, empty database, with {@code --jobs} for either format: a rollback's
     * restore is downtime, and 2 jobs restored 11-43 % faster than one on 2 cores, custom file or directory alike
     * (docs/benchmark.md, "Dump format").
     */
    public List<String> restoreArgv(String dump, String database) {
        List<String> argv = new ArrayList<>(List.of("pg_restore", "--no-owner", "--exit-on-error"));
        if (jobs > 1) {
            argv.add("--jobs=" + jobs);
        }
        argv.addAll(List.of("--dbname=" + database, dump));
        return argv;
    }

    /** Bytes of a dump file, or of every file of a dump directory. */
    public static long size(Path dump) throws IOException {
        if (!Files.isDirectory(dump)) {
            return Files.size(dump);
        }
        long total = 0;
        for (Path file : files(dump)) {
            total += Files.size(file);
        }
        return total;
    }

    /**
     * SHA-256 of a dump directory: for each regular file, sorted by its path relative to the directory, that
     * path (UTF-8), a NUL byte, and the file's content. A renamed, added, removed or altered file changes it.
     */
    public static String directorySha256(Path dump) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        for (Path file : files(dump)) {
            digest.update(dump.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Deletes a dump file or directory, if there is one. */
    public static void delete(Path dump) throws IOException {
        if (!Files.isDirectory(dump)) {
            Files.deleteIfExists(dump);
            return;
        }
        try (Stream<Path> paths = Files.walk(dump)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Moves a finished dump into place; a directory left there by an attempt that died after its move goes first. */
    static void replace(Path partial, Path dump) throws IOException {
        if (Files.isDirectory(dump)) {
            delete(dump);
        }
        Files.move(partial, dump, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> files(Path dump) throws IOException {
        try (Stream<Path> paths = Files.walk(dump)) {
            return paths.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> dump.relativize(p).toString(), Comparator.naturalOrder()))
                    .toList();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
