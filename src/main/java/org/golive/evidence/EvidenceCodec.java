package org.golive.evidence;

import static org.golive.backup.BackupFacts.BACKUP_ID;
import static org.golive.backup.BackupFacts.DATABASE;
import static org.golive.backup.BackupFacts.DROPPED;
import static org.golive.backup.BackupFacts.DUMP_FILE;
import static org.golive.backup.BackupFacts.DUMP_SHA256;
import static org.golive.backup.BackupFacts.DUMP_SIZE_BYTES;
import static org.golive.backup.BackupFacts.FAILED_DATABASE;
import static org.golive.backup.BackupFacts.FAILED_FILESTORE;
import static org.golive.backup.BackupFacts.FILESTORE_ARCHIVE;
import static org.golive.backup.BackupFacts.FILESTORE_SHA256;
import static org.golive.backup.BackupFacts.FILESTORE_SNAPSHOT;
import static org.golive.backup.BackupFacts.SNAPSHOT_DATABASE;
import static org.golive.backup.BackupFacts.SNAPSHOT_REFUSED;
import static org.golive.evidence.Facts.str;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.golive.evidence.EvidenceEntry.Backup;
import org.golive.evidence.EvidenceEntry.Check;
import org.golive.evidence.EvidenceEntry.ContainerSwap;
import org.golive.evidence.EvidenceEntry.Decision;
import org.golive.evidence.EvidenceEntry.Gate;
import org.golive.evidence.EvidenceEntry.ImageSeen;
import org.golive.evidence.EvidenceEntry.ModuleRun;
import org.golive.evidence.EvidenceEntry.Notification;
import org.golive.evidence.EvidenceEntry.OdooStart;
import org.golive.evidence.EvidenceEntry.Readiness;
import org.golive.evidence.EvidenceEntry.Restore;
import org.golive.evidence.EvidenceEntry.RestorePoint;
import org.golive.evidence.EvidenceEntry.RestorePointCleanup;
import org.golive.evidence.EvidenceEntry.RestorePointSwap;
import org.golive.evidence.EvidenceEntry.RollbackStart;
import org.golive.evidence.EvidenceEntry.Stamp;
import org.golive.evidence.EvidenceEntry.Start;
import org.golive.evidence.EvidenceEntry.Step;
import org.golive.evidence.EvidenceEntry.ReleaseHook;
import org.golive.step.Deciders;
import org.golive.step.EvidenceKind;

/**
 * Reads the evidence log's JSON lines (as maps) into {@link EvidenceEntry} records: the one place that knows
 * the facts each producer writes. An entry names its kind; an entry written before kinds existed gets the
 * kind the documents of that time gave it ({@link #legacyKind}), so old logs render as they did.
 */
final class EvidenceCodec {

    static final String ROLLBACK_START = "rollback-start";

    private static final Set<String> ENTRY_KEYS = Set.of("at", "step", "result", "millis", EvidenceKind.FIELD);
    /** Who decided, by the fact each listener writes it under. */
    private static final List<String> PERSON = List.of("decidedBy", "signedBy", "reviewedBy", "attestedBy", "handedOverBy", "approvedBy", "by");
    /** How the documents before kinds told a check by its step. */
    private static final Pattern LEGACY_CHECK_STEP = Pattern.compile("(?i).*(check|verify|validat|readiness|probe|backuprestore).*");

    private EvidenceCodec() {
    }

    static List<EvidenceEntry> decode(List<Map<String, Object>> lines) {
        return lines.stream().map(EvidenceCodec::decode).toList();
    }

    static EvidenceEntry decode(Map<String, Object> line) {
        Map<String, Object> facts = new LinkedHashMap<>();
        line.forEach((k, v) -> {
            if (!ENTRY_KEYS.contains(k)) {
                facts.put(k, v);
            }
        });
        Map<String, Object> f = Secrets.redacted(facts);
        Stamp stamp = new Stamp(line.get("at") == null ? null : line.get("at").toString(), str(line.get("step")), line.get("result"),
                line.get("millis") instanceof Number n ? n : null, f);
        EvidenceKind kind = EvidenceKind.of(line.get(EvidenceKind.FIELD)).orElseGet(() -> legacyKind(stamp.step(), f));
        return switch (kind) {
            case START -> new Start(stamp);
            case BACKUP -> backup(stamp, f);
            case RESTORE -> restore(stamp, f);
            case RESTORE_POINT -> new RestorePoint(stamp, string(f, SNAPSHOT_DATABASE), string(f, FILESTORE_SNAPSHOT),
                    string(f, SNAPSHOT_REFUSED), f.get(DUMP_SHA256) != null ? backup(stamp, f) : null);
            case RESTORE_POINT_SWAP -> new RestorePointSwap(stamp, string(f, DATABASE), string(f, SNAPSHOT_DATABASE),
                    string(f, FAILED_DATABASE), string(f, FAILED_FILESTORE), f.get(DUMP_SHA256) == null ? null : restore(stamp, f));
            case RESTORE_POINT_CLEANUP -> new RestorePointCleanup(stamp, strings(f.get(DROPPED)));
            case ODOO_START -> new OdooStart(stamp, string(f, "image"), f.get("healthyAfterMillis") instanceof Number n ? n : null);
            case CONTAINER_SWAP -> new ContainerSwap(stamp, string(f, "container"), string(f, "containerId"), image(f));
            case MODULE_RUN -> new ModuleRun(stamp, runs(f.get("runs")), strings(f.get("skippedAlreadyInstalled")),
                    versions(f.get("versionsBefore")), versions(f.get("versionsAfter")));
            case CHECK -> new Check(stamp, f.get("check") != null ? str(f.get("check")) : stamp.step(), image(f),
                    f.get(DUMP_SHA256) != null ? backup(stamp, f) : null);
            case GATE -> new Gate(stamp, string(f, "gate"), string(f, "status"), string(f, "summary"));
            case READINESS -> new Readiness(stamp, string(f, "readinessOutcome"), string(f, "reason"));
            case DECISION -> decision(stamp, f);
            case NOTIFICATION -> new Notification(stamp, string(f, "event"));
            case ROLLBACK_START -> new RollbackStart(stamp, string(f, "environment"), string(f, BACKUP_ID), string(f, "previousImage"));
            case STEP, REQUEST, DOCUMENTS -> new Step(stamp, kind);
            case RELEASE_HOOK -> new ReleaseHook(stamp, string(f, "phase"), runs(f.get("hooks")));
        };
    }

    /** What the documents before kinds made of an entry: decisions and checks first, then by the facts of each producer. */
    static EvidenceKind legacyKind(String step, Map<String, Object> f) {
        if ("start".equals(step)) {
            return EvidenceKind.START;
        }
        if (ROLLBACK_START.equals(step)) {
            return EvidenceKind.ROLLBACK_START;
        }
        if (f.containsKey("decision") || PERSON.stream().limit(5).anyMatch(f::containsKey)) {
            return EvidenceKind.DECISION;
        }
        if (f.containsKey("check") || LEGACY_CHECK_STEP.matcher(step).matches()) {
            return f.containsKey("gate") ? EvidenceKind.GATE : EvidenceKind.CHECK;
        }
        if (f.get(DUMP_SHA256) != null && f.containsKey("pgRestoreListEntries")) {
            return EvidenceKind.BACKUP;
        }
        if (f.get(DATABASE) != null && f.get(DUMP_SHA256) != null || f.get(FILESTORE_ARCHIVE) != null) {
            return EvidenceKind.RESTORE;
        }
        if (f.get("healthyAfterMillis") != null) {
            return EvidenceKind.ODOO_START;
        }
        if (f.containsKey("containerId") || f.containsKey("imageDigest")) {
            return EvidenceKind.CONTAINER_SWAP;
        }
        if (f.containsKey("runs") || f.containsKey("versionsBefore") || f.containsKey("versionsAfter")) {
            return EvidenceKind.MODULE_RUN;
        }
        if (f.containsKey("readinessOutcome")) {
            return EvidenceKind.READINESS;
        }
        if ("notify".equals(step) || f.containsKey("event")) {
            return EvidenceKind.NOTIFICATION;
        }
        return EvidenceKind.STEP;
    }

    private static Decision decision(Stamp stamp, Map<String, Object> f) {
        String by = first(f, PERSON.toArray(String[]::new));
        String decision = first(f, "decision", "choice");
        String reason = first(f, "reason", "comment", "comments", "why");
        if (decision == null && f.containsKey("attestedBy")) {
            List<String> attested = strings(f.get("attested"));
            decision = "attested " + attested.size() + (attested.size() == 1 ? " item" : " items");
            if (f.get("waived") instanceof Map<?, ?> waived && !waived.isEmpty()) {
                decision += ", waived " + String.join(", ", waived.keySet().stream().map(String::valueOf).toList());
                List<String> why = new ArrayList<>();
                waived.forEach((item, r) -> why.add(item + ": " + r));
                reason = String.join("; ", why);
            }
        } else if (decision == null && f.containsKey("handedOverBy")) {
            decision = "handed over to operations";
            reason = first(f, "handoverNotes");
        } else if (decision == null && f.containsKey("signedBy")) {
            decision = "signed";
        }
        return new Decision(stamp, by == null ? Deciders.UNKNOWN : by, first(f, "role", "group"), decision, reason);
    }

    private static Restore restore(Stamp stamp, Map<String, Object> f) {
        return new Restore(stamp, string(f, BACKUP_ID), string(f, DATABASE), string(f, DUMP_SHA256), string(f, FILESTORE_ARCHIVE));
    }

    private static Backup backup(Stamp stamp, Map<String, Object> f) {
        return new Backup(stamp, string(f, BACKUP_ID), string(f, DATABASE), string(f, DUMP_FILE), f.get(DUMP_SIZE_BYTES),
                string(f, DUMP_SHA256), f.get("argv"), f.get("exitCode"), f.containsKey("pgRestoreListEntries"),
                f.get("pgRestoreListEntries"), f.get("pgRestoreListExitCode"), f.get("pgRestoreListArgv"), string(f, FILESTORE_ARCHIVE),
                f.get("filestoreSizeBytes"), string(f, FILESTORE_SHA256), string(f, "runningImage"));
    }

    private static ImageSeen image(Map<String, Object> f) {
        return new ImageSeen(string(f, "image"), f.get("imageId"), f.get("imageDigest"), f.get("repoDigests"));
    }

    private static String first(Map<String, Object> f, String... keys) {
        for (String key : keys) {
            Object v = f.get(key);
            if (v != null && !v.toString().isBlank()) {
                return v.toString();
            }
        }
        return null;
    }

    private static String string(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null ? null : v.toString();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> runs(Object value) {
        return value instanceof List<?> list
                ? list.stream().filter(x -> x instanceof Map<?, ?>).map(x -> (Map<String, Object>) x).toList() : List.of();
    }

    private static Map<String, String> versions(Object value) {
        Map<String, String> versions = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> versions.put(String.valueOf(k), v == null ? null : v.toString()));
        }
        return versions;
    }
}
