package org.golive.backup;

import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;
import static org.golive.step.ProcessConstants.VAR_BACKUP_SHA256;
import static org.golive.step.ProcessConstants.VAR_BACKUP_SIZE;
import static org.golive.step.ProcessConstants.VAR_PREVIOUS_IMAGE;
import static org.golive.step.ProcessConstants.VAR_RESTORE_POINT;
import static org.golive.step.ProcessConstants.VAR_RESTORE_POINT_ID;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.GoliveProperties;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * The off-host backup of a snapshot, dumped from the copy while the release serves, verified as every backup is
 * ({@code pg_restore --list}, SHA-256). When the window fell back to a dump, that dump is the backup: nothing to do.
 */
@Component("backUpRestorePointDelegate")
public class BackUpRestorePointDelegate extends StepDelegate {

    private final RestorePoints restorePoints;
    private final DumpFormat format;

    public BackUpRestorePointDelegate(EvidenceLog evidence, RestorePoints restorePoints, GoliveProperties properties) {
        super(evidence);
        this.restorePoints = restorePoints;
        this.format = new DumpFormat(properties.steps());
    }

    /** Odoo serves the release already: a failing dump is a person's to fix (disk, permissions), not a rollback. */
    @Override
    protected boolean failureRollsBack() {
        return false;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.BACKUP;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String snapshotOf = string(execution, VAR_RESTORE_POINT_ID);
        if (snapshotOf == null) {
            return Map.of("offHostBackup", "taken inside the window", BackupFacts.BACKUP_ID, String.valueOf(string(execution, VAR_BACKUP_ID)));
        }
        BackupRecord backup = restorePoints.backUpSnapshot(target(execution), snapshotOf,
                string(execution, VAR_PREVIOUS_IMAGE));
        execution.setVariable(VAR_BACKUP_ID, backup.id());
        execution.setVariable(VAR_BACKUP_SHA256, backup.dumpSha256());
        execution.setVariable(VAR_BACKUP_SIZE, backup.dumpSizeBytes());
        return BackupFacts.of(backup, required(execution, VAR_RESTORE_POINT), format);
    }
}
