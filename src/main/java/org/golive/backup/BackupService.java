package org.golive.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.golive.config.Target;
import org.golive.config.GoliveProperties;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.config.TargetDatabases;
import org.golive.support.Commands;
import org.golive.support.Commands.Result;
import org.golive.step.StepFailedException;
import org.springframework.stereotype.Service;

/**
 * Pre-deploy backups and their restore. A backup lives in {@code <backup-dir>/<id>/}: {@code database.dump}
 * ({@code pg_dump --format=custom}) or {@code database.dir} (directory format, {@link DumpFormat}), {@code filestore.tar.gz} and {@code backup.json}, which is written
 * last, so a backup without it is unfinished and is made again.
 */
@Service
public class BackupService {

    static final String DUMP = "database.dump";
    static final String FILESTORE = "filestore.tar.gz";
    static final String RECORD = "backup.json";
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String UNDEFINED_COLUMN = "42703";

    private final TargetDatabases databases;
    private final Commands commands;
    private final ObjectMapper json;
    private final Duration toolTimeout;
    private final DumpFormat format;
    private final FilestoreBackup filestores;

    public BackupService(TargetDatabases databases, Commands commands, ObjectMapper json,
                         GoliveProperties properties, FilestoreBackup filestores) {
        this.filestores = filestores;
        this.databases = databases;
        this.commands = commands;
        this.json = json;
        this.toolTimeout = properties.steps().toolTimeout();
        this.format = new DumpFormat(properties.steps());
    }

    /** Backs up the database and the filestore, or returns the backup of that id made before. */
    public BackupRecord backUp(Target environment, String id, String runningImage) {
        TargetEnvironment target = environment.settings();
        return backUpFrom(environment, id, runningImage, target.database().name(), target.filestore());
    }

    /**
     * Backs up another database of the same server and another filestore directory (a restore point's copies) as
     * the environment's: a restore of this backup puts them back as the environment's database and filestore.
     */
    public BackupRecord backUpFrom(Target environment, String id, String runningImage, String source, Path sourceFilestore) {
        Optional<BackupRecord> existing = find(environment, id);
        if (existing.isPresent()) {
            return existing.get();
        }
        TargetEnvironment target = environment.settings();
        Path dir = directory(target, id);
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(format.fileName() + ".partial");
            String database = target.database().name();
            DatabaseDefinition definition = definition(environment, source);
            writeOdooManifest(environment, source, database, dir);
            DumpFormat.delete(partial); // pg_dump --format=directory refuses a directory an earlier attempt left
            Result dump = commands.run(format.dumpArgv(partial.toString(), source),
                    databases.libpqEnvironment(environment), toolTimeout);
            if (!dump.succeeded()) {
                // a half-written dump only fills the disk: the next attempt writes a new one
                DumpFormat.delete(partial);
                throw new IllegalStateException("pg_dump of " + source + " exited " + dump.exitCode() + ": " + dump.tail(5));
            }
            Path dumpFile = dir.resolve(format.fileName());
            DumpFormat.replace(partial, dumpFile);
            int entries = tocEntries(dumpFile);
            Path archive = dir.resolve(FILESTORE);
            // the environment's own filestore or a snapshot's linked copy, by its path or through Docker
            String access = source.equals(database) ? filestores.archive(environment, database, archive)
                    : filestores.archiveCopy(environment, sourceFilestore, archive);
            BackupRecord record = new BackupRecord(id, environment.name(), database, dumpFile.toString(), DumpFormat.size(dumpFile),
                    sha256(dumpFile), entries, archive.toString(), Files.size(archive), sha256(archive), runningImage,
                    Instant.now(), definition, access);
            Path recordPartial = dir.resolve(RECORD + ".partial");
            json.writerWithDefaultPrettyPrinter().writeValue(recordPartial.toFile(), record);
            Files.move(recordPartial, dir.resolve(RECORD), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("backup " + id + " of " + environment + ": " + e.getMessage(), e);
        }
    }

    /** The pg_dump command of a backup, as it runs (and as the evidence records it). */
    public static List<String> dumpArgv(int compression, String file, String database) {
        return List.of("pg_dump", "--format=custom", "--compress=" + compression, "--no-owner", "--file=" + file, database);
    }

    /** A finished backup, if one of that id exists. */
    public Optional<BackupRecord> find(Target environment, String id) {
        if (id == null || !id.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        Path record = directory(environment.settings(), id).resolve(RECORD);
        if (!Files.exists(record)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(record.toFile(), BackupRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable backup record " + record, e);
        }
    }

    /** Finished backups of an environment, newest first. */
    public List<BackupRecord> list(Target environment) {
        Path root = environment.settings().backupDir();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<BackupRecord> records = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.map(d -> d.getFileName().toString()).forEach(id -> find(environment, id).ifPresent(records::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        records.sort(Comparator.comparing(BackupRecord::createdAt).reversed());
        return records;
    }

    /** Number of entries {@code pg_restore --list} reads from the dump: proof the dump is readable. */
    public int tocEntries(Path dumpFile) {
        Result list = commands.run(List.of("pg_restore", "--list", dumpFile.toString()), Map.of(), toolTimeout);
        if (!list.succeeded()) {
            throw new StepFailedException("pg_restore --list cannot read " + dumpFile + ": " + list.tail(5));
        }
        int entries = (int) list.output().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count();
        if (entries == 0) {
            throw new StepFailedException("dump " + dumpFile + " holds no entries");
        }
        return entries;
    }

    /**
     * Odoo's manifest.json of what is dumped (versions and installed modules), read while nothing changes the
     * database, so the backup can later become the zip Odoo restores ({@link OdooZipExport}). Written before the
     * record, so a backup that has a record has its manifest.
     */
    private void writeOdooManifest(Target environment, String source, String database, Path dir) throws IOException {
        OdooDumpManifest manifest;
        // read from what is dumped (the snapshot copy, or the database itself), named as the database it restores
        try (Connection db = databases.connect(environment, source)) {
            manifest = OdooDumpManifest.read(db, database);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState()) || UNDEFINED_COLUMN.equals(e.getSQLState())) {
                // not an Odoo database (no ir_module_module as Odoo makes it): it backs up as before and cannot become Odoo's zip
                return;
            }
            throw new IllegalStateException("cannot read installed modules of " + database + " for its manifest: " + e.getMessage(), e);
        }
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(OdooDumpManifest.FILE).toFile(), manifest.asOdooJson());
    }

    private DatabaseDefinition definition(Target environment, String database) {
        try (Connection admin = databases.connect(environment, "postgres")) {
            return DatabaseDefinition.read(admin, database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the definition of database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the environment's database with the backup's content: drop, recreate from template0 with the
     * recorded encoding, collation, ctype, owner and settings, {@code pg_restore}. Restored as moved, so
     * {@code database.uuid} stays what it was.
     */
    public BackupRecord restoreDatabase(Target environment, String id) {
        BackupRecord record = verified(environment, id);
        return restoreDatabaseAs(environment, record, record.database());
    }

    /**
     * Restores the backup's dump, checksums verified, into another database of the environment's server (a
     * rehearsal's scratch copy): dropped and recreated like the environment's own, which is never touched.
     */
    public BackupRecord restoreCopy(Target environment, String id, String database) {
        if (database.equals(environment.settings().database().name())) {
            throw new IllegalArgumentException("a copy of " + environment + "'s backup must not be restored as its own database " + database);
        }
        return restoreDatabaseAs(environment, verified(environment, id), database);
    }

    private BackupRecord restoreDatabaseAs(Target environment, BackupRecord record, String database) {
        try (Connection admin = databases.connect(environment, "postgres"); Statement sql = admin.createStatement()) {
            String quoted = "\"" + database.replace("\"", "\"\"") + "\"";
            sql.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
            if (record.definition() != null) {
                record.definition().create(admin, database);
            } else {
                sql.execute("CREATE DATABASE " + quoted + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate database " + database + ": " + e.getMessage(), e);
        }
        Result restore = commands.run(format.restoreArgv(record.dumpFile(), database), databases.libpqEnvironment(environment),
                toolTimeout);
        if (!restore.succeeded()) {
            throw new IllegalStateException("pg_restore into " + database + " exited " + restore.exitCode() + ": " + restore.tail(5));
        }
        return record;
    }

    /**
     * Replaces the environment's filestore with the archived one, by the host path or through the Docker host
     * ({@link FilestoreBackup}); the record returned says which in {@code filestoreAccess}.
     */
    public BackupRecord restoreFilestore(Target environment, String id) {
        BackupRecord record = verified(environment, id);
        try {
            return record.withFilestoreAccess(filestores.restore(environment, record.database(), Path.of(record.filestoreArchive())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the filestore of " + environment + " from " + record.filestoreArchive()
                    + ": " + e.getMessage(), e);
        }
    }

    private BackupRecord verified(Target environment, String id) {
        BackupRecord record = find(environment, id)
                .orElseThrow(() -> new StepFailedException("no finished backup '" + id + "' for environment " + environment));
        try {
            if (!sha256(Path.of(record.dumpFile())).equals(record.dumpSha256())) {
                throw new StepFailedException("backup " + id + ": " + record.dumpFile() + " does not match its SHA-256");
            }
            if (!sha256(Path.of(record.filestoreArchive())).equals(record.filestoreSha256())) {
                throw new StepFailedException("backup " + id + ": " + record.filestoreArchive() + " does not match its SHA-256");
            }
        } catch (IOException e) {
            throw new StepFailedException("backup " + id + " is incomplete: " + e.getMessage(), e);
        }
        return record;
    }

    private static Path directory(TargetEnvironment target, String id) {
        if (target.backupDir() == null) {
            throw new IllegalStateException("no backup-dir configured");
        }
        return target.backupDir().resolve(id);
    }

    public static String sha256(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return DumpFormat.directorySha256(file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
