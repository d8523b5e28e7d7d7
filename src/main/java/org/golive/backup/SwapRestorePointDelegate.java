package org.golive.backup;

import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;
import static org.golive.step.ProcessConstants.VAR_FAILED_DATABASE;
import static org.golive.step.ProcessConstants.VAR_RESTORE_POINT_ID;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.backup.RestorePoints.RolledBack;
import org.golive.backup.SnapshotService.Swap;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Rolls the database and filestore back to the go-live's snapshot by renames, keeping the failed ones aside; when
 * the snapshot is gone (dropped after its keeping time) it restores the off-host backup instead.
 */
@Component("swapRestorePointDelegate")
public class SwapRestorePointDelegate extends StepDelegate {

    private final RestorePoints restorePoints;

    public SwapRestorePointDelegate(EvidenceLog evidence, RestorePoints restorePoints) {
        super(evidence);
        this.restorePoints = restorePoints;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.RESTORE_POINT_SWAP;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        RolledBack rolledBack = restorePoints.rollBack(target(execution), required(execution, VAR_RESTORE_POINT_ID),
                string(execution, VAR_BACKUP_ID));
        Map<String, Object> facts = new LinkedHashMap<>();
        Swap swap = rolledBack.swap();
        if (swap != null) {
            execution.setVariable(VAR_FAILED_DATABASE, swap.failedDatabase());
            facts.put(BackupFacts.DATABASE, swap.database());
            facts.put(BackupFacts.SNAPSHOT_DATABASE, swap.snapshotDatabase());
            facts.put(BackupFacts.FAILED_DATABASE, swap.failedDatabase());
            facts.put("databaseSwap", swap.databaseState());
            facts.put("filestore", String.valueOf(swap.filestore()));
            facts.put(BackupFacts.FAILED_FILESTORE, String.valueOf(swap.failedFilestore()));
            facts.put("filestoreSwap", swap.filestoreState());
            return facts;
        }
        BackupRecord backup = rolledBack.database();
        facts.put("snapshot", "gone: restored from the backup instead");
        facts.put(BackupFacts.BACKUP_ID, backup.id());
        facts.put(BackupFacts.DATABASE, backup.database());
        facts.put(BackupFacts.DUMP_SHA256, backup.dumpSha256());
        facts.put("dumpSha256Verified", true);
        facts.put(BackupFacts.FILESTORE_ARCHIVE, backup.filestoreArchive());
        facts.put("filestoreSha256Verified", true);
        return facts;
    }
}
