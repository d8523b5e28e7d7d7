package org.golive.rollback;

import org.golive.step.EvidenceKind;
import org.golive.step.InstanceIds;
import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_PREVIOUS_IMAGE;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.config.Environments;
import org.golive.step.EvidenceLog;
import org.springframework.stereotype.Component;

/**
 * A rollback started on its own names an environment and a backup; both must exist, or nothing starts.
 * The image to bring back is the one that ran when the backup was taken, unless the go-live said otherwise.
 */
@Component("rollbackStartListener")
public class RollbackStartListener implements ExecutionListener {

    private final Environments environments;
    private final BackupService backups;
    private final EvidenceLog evidence;

    public RollbackStartListener(Environments environments, BackupService backups, EvidenceLog evidence) {
        this.environments = environments;
        this.backups = backups;
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Object environment = execution.getVariable(VAR_ENVIRONMENT);
        if (environment == null || !environments.exists(environment.toString())) {
            throw new IllegalArgumentException("rollback: unknown environment " + (environment == null ? "(missing)" : "'" + environment + "'")
                    + "; configured: " + environments.names());
        }
        Object backupId = execution.getVariable(VAR_BACKUP_ID);
        BackupRecord backup = null;
        if (backupId != null) {
            backup = backups.find(environment.toString(), backupId.toString()).orElseThrow(() -> new IllegalArgumentException(
                    "rollback: no finished backup '" + backupId + "' for environment " + environment));
        }
        if (execution.getVariable(VAR_GO_LIVE_ID) == null) {
            if (backup == null) {
                throw new IllegalArgumentException("rollback: a rollback started on its own needs a backupId");
            }
            String id = InstanceIds.next("rollback", environment.toString());
            execution.setVariable(VAR_GO_LIVE_ID, id);
            execution.setProcessBusinessKey(id);
        }
        if (execution.getVariable(VAR_PREVIOUS_IMAGE) == null && backup != null && backup.runningImage() != null) {
            execution.setVariable(VAR_PREVIOUS_IMAGE, backup.runningImage());
        }
        evidence.record(execution.getVariable(VAR_GO_LIVE_ID).toString(), "rollback-start", EvidenceKind.ROLLBACK_START,
                Map.of("environment", environment.toString(), "backupId", String.valueOf(backupId),
                        "previousImage", String.valueOf(execution.getVariable(VAR_PREVIOUS_IMAGE))));
    }
}
