package org.golive.backup;

import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

@Component("restoreFilestoreDelegate")
public class RestoreFilestoreDelegate extends StepDelegate {

    private final BackupService backups;

    public RestoreFilestoreDelegate(EvidenceLog evidence, BackupService backups) {
        super(evidence);
        this.backups = backups;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.RESTORE;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        BackupRecord backup = backups.restoreFilestore(required(execution, VAR_ENVIRONMENT), required(execution, VAR_BACKUP_ID));
        return Map.of("backupId", backup.id(), "filestoreArchive", backup.filestoreArchive(),
                "filestoreSha256", backup.filestoreSha256(),
                "filestoreSha256Verified", true);
    }
}
