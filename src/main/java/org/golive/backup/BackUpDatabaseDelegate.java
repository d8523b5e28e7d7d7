package org.golive.backup;

import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;
import static org.golive.step.ProcessConstants.VAR_BACKUP_SHA256;
import static org.golive.step.ProcessConstants.VAR_BACKUP_SIZE;
import static org.golive.step.ProcessConstants.VAR_PREVIOUS_IMAGE;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.GoliveProperties;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * The final pre-deploy backup inside the window, named after the go-live so a repeat finds the one already made.
 * Go-live definitions since restore points call {@code takeRestorePointDelegate} there; this bean stays for instances
 * of older definitions still running.
 */
@Component("backUpDatabaseDelegate")
public class BackUpDatabaseDelegate extends StepDelegate {

    private final BackupService backups;
    private final DumpFormat format;

    public BackUpDatabaseDelegate(EvidenceLog evidence, BackupService backups, GoliveProperties properties) {
        super(evidence);
        this.backups = backups;
        this.format = new DumpFormat(properties.steps());
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.BACKUP;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        BackupRecord backup = backups.backUp(target(execution), goLiveId(execution),
                string(execution, VAR_PREVIOUS_IMAGE));
        return record(execution, backup, format);
    }

    /** The variables a rollback restores from and the backup's facts; shared with the restore point's dump path. */
    static Map<String, Object> record(DelegateExecution execution, BackupRecord backup, DumpFormat format) {
        execution.setVariable(VAR_BACKUP_ID, backup.id());
        execution.setVariable(VAR_BACKUP_SHA256, backup.dumpSha256());
        execution.setVariable(VAR_BACKUP_SIZE, backup.dumpSizeBytes());
        return BackupFacts.of(backup, backup.database(), format);
    }
}
