package org.golive.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.golive.config.GoliveProperties;
import org.golive.config.Target;
import org.golive.support.Commands;
import org.golive.support.Commands.Result;
import org.springframework.stereotype.Service;

/**
 * Turns a golive backup into the zip Odoo's database manager makes and restores ({@code dump_db} /
 * {@code restore_db} in {@code odoo/service/db.py}): {@code dump.sql} (plain SQL without owners), {@code filestore/}
 * (the files of the database's filestore directory) and {@code manifest.json}. The SQL comes from the backup's own
 * dump through {@code pg_restore --file}, so exporting never touches the live database. The zip is written beside
 * the backup under a partial name and renamed when complete, so an export asked for twice, or again after a crash,
 * returns the same file.
 */
@Service
public class OdooZipExport {

    /** What was exported: the zip, its size and its checksum. */
    public record Exported(String backupId, String zip, long sizeBytes, String sha256) {
    }

    private final BackupService backups;
    private final Commands commands;
    private final Duration toolTimeout;

    public OdooZipExport(BackupService backups, Commands commands, GoliveProperties properties) {
        this.backups = backups;
        this.commands = commands;
        this.toolTimeout = properties.steps().toolTimeout();
    }

    public Exported export(Target environment, String backupId) {
        BackupRecord record = backups.find(environment, backupId).orElseThrow(() -> new IllegalArgumentException(
                "backupId: no finished backup '" + backupId + "' for environment " + environment.name()));
        Path dir = Path.of(record.dumpFile()).getParent();
        Path manifest = dir.resolve(OdooDumpManifest.FILE);
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("backupId: backup '" + backupId + "' has no " + OdooDumpManifest.FILE
                    + " (it was made before golive recorded Odoo's manifest), so it cannot become an Odoo backup");
        }
        Path zip = dir.resolve("odoo-" + record.database() + "-" + backupId + ".zip");
        try {
            if (!Files.exists(zip)) {
                write(record, manifest, dir, zip);
            }
            return new Exported(backupId, zip.toString(), Files.size(zip), BackupService.sha256(zip));
        } catch (IOException e) {
            throw new UncheckedIOException("export of backup " + backupId + ": " + e.getMessage(), e);
        }
    }

    private void write(BackupRecord record, Path manifest, Path dir, Path zip) throws IOException {
        // names of its own: two exports of one backup at once each write their own and the second rename wins
        String own = "." + java.util.UUID.randomUUID() + ".partial";
        Path sql = dir.resolve("dump.sql" + own);
        Path partial = dir.resolve(zip.getFileName() + own);
        try {
            Result restore = commands.run(List.of("pg_restore", "--no-owner", "--file=" + sql, record.dumpFile()), Map.of(), toolTimeout);
            if (!restore.succeeded()) {
                throw new IllegalStateException("pg_restore could not write SQL from " + record.dumpFile() + ": " + restore.tail(5));
            }
            try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
                put(out, "dump.sql", sql);
                put(out, OdooDumpManifest.FILE, manifest);
                filestore(out, Path.of(record.filestoreArchive()));
            }
            Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(sql);
            Files.deleteIfExists(partial);
        }
    }

    private static void put(ZipOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        Files.copy(file, out);
        out.closeEntry();
    }

    /** The archive holds {@code <db>/...} (tar of the filestore directory); Odoo's zip holds the same files under {@code filestore/}. */
    private static void filestore(ZipOutputStream out, Path archive) throws IOException {
        out.putNextEntry(new ZipEntry("filestore/"));
        out.closeEntry();
        try (InputStream in = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                String inside = slash < 0 ? "" : name.substring(slash + 1);
                if (inside.isEmpty()) {
                    continue;
                }
                if (inside.startsWith("/") || List.of(inside.split("/")).contains("..")) {
                    throw new IllegalStateException("filestore archive " + archive + " holds a path outside its directory: " + name);
                }
                if (entry.isLink() || entry.isSymbolicLink()) {
                    // Odoo's filestore holds plain files; a link would restore as an empty file
                    throw new IllegalStateException("filestore archive " + archive + " holds a link (" + name + "): not exportable as an Odoo backup");
                }
                if (entry.isDirectory()) {
                    out.putNextEntry(new ZipEntry("filestore/" + (inside.endsWith("/") ? inside : inside + "/")));
                } else {
                    out.putNextEntry(new ZipEntry("filestore/" + inside));
                    tar.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
