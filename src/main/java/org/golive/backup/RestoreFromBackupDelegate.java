package org.golive.backup;

import static org.golive.backup.BackupFacts.BACKUP_ID;
import static org.golive.backup.BackupFacts.DATABASE;
import static org.golive.backup.BackupFacts.DUMP_SHA256;
import static org.golive.backup.BackupFacts.FILESTORE_ARCHIVE;
import static org.golive.backup.BackupFacts.FILESTORE_SHA256;
import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.GoliveProperties;
import org.golive.config.Target;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Puts back the database or the filestore of the rollback's backup, as the task's {@code camunda:property
 * name="restore"} says ({@code database} or {@code filestore}); the backup's checksums are verified first.
 */
@Component("restoreFromBackupDelegate")
public class RestoreFromBackupDelegate extends StepDelegate {

    private final BackupService backups;
    private final DumpFormat format;

    public RestoreFromBackupDelegate(EvidenceLog evidence, BackupService backups, GoliveProperties properties) {
        super(evidence);
        this.backups = backups;
        this.format = new DumpFormat(properties.steps());
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.RESTORE;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Target environment = target(execution);
        String backupId = required(execution, VAR_BACKUP_ID);
        String what = taskProperty(execution, "restore");
        return switch (what) {
            case "database" -> {
                BackupRecord backup = backups.restoreDatabase(environment, backupId);
                yield Map.of(BACKUP_ID, backup.id(), DATABASE, backup.database(), DUMP_SHA256, backup.dumpSha256(),
                        "dumpSha256Verified", true, "exitCode", 0,
                        "argv", String.join(" ", format.restoreArgv(backup.dumpFile(), backup.database())));
            }
            case "filestore" -> {
                BackupRecord backup = backups.restoreFilestore(environment, backupId);
                yield Map.of(BACKUP_ID, backup.id(), FILESTORE_ARCHIVE, backup.filestoreArchive(),
                        FILESTORE_SHA256, backup.filestoreSha256(), "filestoreSha256Verified", true);
            }
            default -> throw new IllegalStateException("task " + execution.getCurrentActivityId() + ": camunda:property restore must be "
                    + List.of("database", "filestore") + ", was '" + what + "'");
        };
    }
}
