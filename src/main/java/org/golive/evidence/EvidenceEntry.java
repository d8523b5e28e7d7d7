package org.golive.evidence;

import java.util.List;
import java.util.Map;

import org.golive.step.EvidenceKind;

/**
 * One line of a go-live's evidence log, as what it is. {@link EvidenceCodec} reads each line into one of
 * these; the documents are rendered from them. Every entry keeps all its facts (secrets already redacted)
 * for the full record in GO_LIVE_MANIFEST.md; the typed fields are what the sections need.
 */
public sealed interface EvidenceEntry {

    Stamp stamp();

    EvidenceKind kind();

    /** What every entry has: when, which step, how it ended, how long it took, and its facts. */
    record Stamp(String at, String step, Object result, Number millis, Map<String, Object> facts) {
        public boolean done() {
            return "done".equals(result);
        }
    }

    /** What an entry saw of an image: the deploy step's container or the target check's release image. */
    record ImageSeen(String image, Object imageId, Object imageDigest, Object repoDigests) {
    }

    record Start(Stamp stamp) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.START;
        }
    }

    /** A step with nothing the documents single out: it shows in the full record only. */
    record Step(Stamp stamp, EvidenceKind kind) implements EvidenceEntry {
    }

    /** The pre-deploy backup; {@code listed} when pg_restore --list read the dump. */
    record Backup(Stamp stamp, String backupId, String database, String dumpFile, Object dumpSizeBytes, String dumpSha256,
                  Object argv, Object exitCode, boolean listed, Object pgRestoreListEntries, Object pgRestoreListExitCode,
                  Object pgRestoreListArgv, String filestoreArchive, Object filestoreSizeBytes, String filestoreSha256,
                  String runningImage) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.BACKUP;
        }

        /** A restore point: finished, with a checksum, and read back by pg_restore --list. */
        public boolean verified() {
            return dumpSha256 != null && listed && stamp.done();
        }
    }

    /** A database (with the dump's checksum) or a filestore put back from a backup. */
    record Restore(Stamp stamp, String backupId, String database, String dumpSha256, String filestoreArchive) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.RESTORE;
        }
    }

    /**
     * The restore point inside the window: a snapshot ({@code snapshotDatabase}, {@code filestoreSnapshot}), or the
     * backup dumped there instead and why no snapshot could be made.
     */
    record RestorePoint(Stamp stamp, String snapshotDatabase, String filestoreSnapshot, String snapshotRefused, Backup backup)
            implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.RESTORE_POINT;
        }
    }

    /** A rollback swapped a snapshot back; {@code restored} when the snapshot was gone and the backup was restored. */
    record RestorePointSwap(Stamp stamp, String database, String snapshotDatabase, String failedDatabase, String failedFilestore,
                            Restore restored) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.RESTORE_POINT_SWAP;
        }
    }

    /** Snapshots and set-aside copies dropped. */
    record RestorePointCleanup(Stamp stamp, List<String> dropped) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.RESTORE_POINT_CLEANUP;
        }
    }

    record OdooStart(Stamp stamp, String image, Number healthyAfterMillis) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.ODOO_START;
        }
    }

    record ContainerSwap(Stamp stamp, String container, String containerId, ImageSeen image) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.CONTAINER_SWAP;
        }
    }

    /** Odoo CLI runs; versions are {@code latest_version} before and after (null: not installed). */
    record ModuleRun(Stamp stamp, List<Map<String, Object>> runs, List<String> skippedAlreadyInstalled,
                     Map<String, String> versionsBefore, Map<String, String> versionsAfter) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.MODULE_RUN;
        }
    }

    /**
     * A check: {@code name} is the check's own name, else its step's; {@code image} what it saw of the release
     * image; {@code restorePoint} the backup it verified (a follow-up's daily backup check), or null.
     */
    record Check(Stamp stamp, String name, ImageSeen image, Backup restorePoint) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.CHECK;
        }
    }

    record Gate(Stamp stamp, String gate, String status, String summary) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.GATE;
        }
    }

    record Readiness(Stamp stamp, String outcome, String reason) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.READINESS;
        }
    }

    /** A person decided: go/no-go, a sign-off, a gate review, a rollback choice, an attestation, a handover. */
    record Decision(Stamp stamp, String by, String role, String decision, String reason) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.DECISION;
        }
    }

    record Notification(Stamp stamp, String event) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.NOTIFICATION;
        }
    }

    record RollbackStart(Stamp stamp, String environment, String backupId, String previousImage) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.ROLLBACK_START;
        }
    }

    /** A release's hooks of one phase (issue 13 point 3): each hook's argv, status, exit code, duration and output tail. */
    record ReleaseHook(Stamp stamp, String phase, List<Map<String, Object>> hooks) implements EvidenceEntry {
        public EvidenceKind kind() {
            return EvidenceKind.RELEASE_HOOK;
        }
    }
}
