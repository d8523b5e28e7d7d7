package org.golive.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.Target;
import org.golive.config.TargetDatabases;
import org.springframework.stereotype.Service;

/**
 * How much room the next backup of an environment needs and has: the free space of the file system holding its
 * backup directory, against the size of its last backup (dump and filestore archive), or, before the first one,
 * against an upper bound (the database's size on disk and the filestore's bytes: a compressed dump and archive
 * are smaller).
 */
@Service
public class BackupDiskSpace {

    /**
     * What was read. {@code lastBackupId}/{@code lastBackupBytes} are null before the first backup; then
     * {@code estimateBytes} is the upper bound, otherwise null.
     */
    public record Reading(Path directory, long usableBytes, String lastBackupId, Long lastBackupBytes, Long estimateBytes) {

        /** The size the next backup is judged by. */
        public long expectedBytes() {
            return lastBackupBytes != null ? lastBackupBytes : estimateBytes;
        }
    }

    private final BackupService backups;
    private final TargetDatabases databases;

    public BackupDiskSpace(BackupService backups, TargetDatabases databases) {
        this.backups = backups;
        this.databases = databases;
    }

    /** Reads the numbers; an unreadable directory or unreachable database is a technical fault, not a result. */
    public Reading read(Target environment) {
        TargetEnvironment target = environment.settings();
        if (target.backupDir() == null) {
            throw new IllegalStateException("environment '" + environment + "' has no backup-dir");
        }
        Path directory = target.backupDir().toAbsolutePath();
        long usable = usableBytes(directory);
        List<BackupRecord> all = backups.list(environment);
        if (!all.isEmpty()) {
            BackupRecord last = all.get(0);
            return new Reading(directory, usable, last.id(), last.dumpSizeBytes() + last.filestoreSizeBytes(), null);
        }
        return new Reading(directory, usable, null, null, databaseBytes(environment) + filestoreBytes(target.filestore()));
    }

    /** Free space for golive on the file system the directory is (or, not made yet, will be) on. */
    static long usableBytes(Path directory) {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return Files.getFileStore(existing == null ? Path.of("/") : existing).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + directory, e);
        }
    }

    private long databaseBytes(Target environment) {
        try (Connection connection = databases.connect(environment); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT pg_database_size(current_database())")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the size of the database of " + environment + ": " + e.getMessage(), e);
        }
    }

    private static long filestoreBytes(Path filestore) {
        if (filestore == null || !Files.isDirectory(filestore)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(filestore)) {
            long total = 0;
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of filestore " + filestore, e);
        }
    }
}
