package org.golive.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.golive.backup.OffsiteProperties.Destination;
import org.golive.config.Target;
import org.golive.remote.SftpSession;
import org.golive.step.StepFailedException;
import org.springframework.stereotype.Service;

/**
 * Checklist 000 "off-site backup destination verified": a go-live's verified backup copied to the environment's
 * off-site host over SFTP, every file then checked there by size and SHA-256. A file already there with the same
 * size and digest is left alone, so a second run sends nothing.
 */
@Service
public class OffsiteCopy {

    private final BackupService backups;
    private final OffsiteProperties settings;

    public OffsiteCopy(BackupService backups, OffsiteProperties settings) {
        this.backups = backups;
        this.settings = settings;
    }

    /** One file of the backup: where it is there, its size and SHA-256, and whether this run sent it. */
    public record CopiedFile(String remotePath, long sizeBytes, String sha256, boolean sent) {
    }

    /** What the copy did; {@code destination} is null when the environment has none configured. */
    public record Outcome(String backupId, String destination, List<CopiedFile> files) {

        public boolean configured() {
            return destination != null;
        }

        public long sent() {
            return files.stream().filter(CopiedFile::sent).count();
        }
    }

    public Outcome copy(Target environment, String backupId) {
        Optional<Destination> configured = settings.of(environment.name());
        if (configured.isEmpty()) {
            return new Outcome(backupId, null, List.of());
        }
        Destination destination = configured.get();
        BackupRecord record = backups.find(environment, backupId)
                .orElseThrow(() -> new StepFailedException("no finished backup '" + backupId + "' of " + environment + " to copy off-site"));
        Path dir = Path.of(record.dumpFile()).getParent();
        List<Path> files = files(record, dir);
        String remoteDir = destination.directory().replaceAll("/+$", "") + "/" + backupId;
        List<CopiedFile> copied = new ArrayList<>();
        try (SftpSession sftp = SftpSession.open(destination.ssh())) {
            for (Path file : files) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                String remote = remoteDir + "/" + relative;
                long size = Files.size(file);
                String sha256 = BackupService.sha256(file);
                boolean there = sftp.size(remote).filter(s -> s == size).isPresent() && sha256.equals(sftp.sha256(remote));
                if (!there) {
                    sftp.directories(remote.substring(0, remote.lastIndexOf('/')));
                    sftp.put(file, remote);
                    long remoteSize = sftp.size(remote).orElse(-1L);
                    String remoteSha256 = sftp.sha256(remote);
                    if (remoteSize != size || !sha256.equals(remoteSha256)) {
                        throw new IllegalStateException("off-site copy of " + relative + " at " + destination.describe()
                                + " does not match: " + remoteSize + " bytes, SHA-256 " + remoteSha256 + "; here " + size + " bytes, " + sha256);
                    }
                }
                copied.add(new CopiedFile(remote, size, sha256, !there));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("backup " + backupId + " of " + environment + ": " + e.getMessage(), e);
        }
        return new Outcome(backupId, destination.describe(), copied);
    }

    /** The backup's files, after checking the dump and the filestore archive still are what was verified. */
    private static List<Path> files(BackupRecord record, Path dir) {
        try {
            if (!BackupService.sha256(Path.of(record.dumpFile())).equals(record.dumpSha256())) {
                throw new StepFailedException("backup " + record.id() + ": " + record.dumpFile() + " no longer matches its SHA-256: not copied");
            }
            if (!BackupService.sha256(Path.of(record.filestoreArchive())).equals(record.filestoreSha256())) {
                throw new StepFailedException("backup " + record.id() + ": " + record.filestoreArchive()
                        + " no longer matches its SHA-256: not copied");
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".partial")).sorted().toList();
            }
        } catch (IOException e) {
            throw new StepFailedException("backup " + record.id() + " is incomplete: " + e.getMessage(), e);
        }
    }
}
