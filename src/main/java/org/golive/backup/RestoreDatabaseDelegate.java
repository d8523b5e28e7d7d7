package org.golive.backup;

import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

@Component("restoreDatabaseDelegate")
public class RestoreDatabaseDelegate extends StepDelegate {

    private final BackupService backups;

    public RestoreDatabaseDelegate(EvidenceLog evidence, BackupService backups) {
        super(evidence);
        this.backups = backups;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.RESTORE;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        BackupRecord backup = backups.restoreDatabase(required(execution, VAR_ENVIRONMENT), required(execution, VAR_BACKUP_ID));
        return Map.of("backupId", backup.id(), "database", backup.database(), "dumpSha256", backup.dumpSha256(),
                "dumpSha256Verified", true, "exitCode", 0,
                "argv", "pg_restore --no-owner --exit-on-error --dbname=" + backup.database() + " " + backup.dumpFile());
    }
}
