package org.golive.rollback;

import static org.golive.step.ProcessConstants.VAR_BACKUP_AGE;
import static org.golive.step.ProcessConstants.VAR_BACKUP_TAKEN_AT;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_LOSES;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_NEEDS_APPROVAL;
import static org.golive.step.ProcessConstants.VAR_ROLLBACK_REQUESTED_BY;
import static org.golive.step.ProcessConstants.VAR_STARTED_BY;

import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.impl.identity.Authentication;

import org.golive.backup.BackupFacts;
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
import org.golive.lock.EnvironmentLockListener;
import org.golive.step.Deciders;
import org.golive.step.EvidenceLog;
import org.golive.support.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * A rollback started on its own names an environment and a backup; both must exist, or nothing starts (400 to
 * the client, naming the field).
 * The image to bring back is the one that ran when the backup was taken, unless the go-live said otherwise.
 */
@Component("rollbackStartListener")
public class RollbackStartListener implements ExecutionListener {

    private final Environments environments;
    private final BackupService backups;
    private final EvidenceLog evidence;
    private final EnvironmentLockListener environmentLock;

    public RollbackStartListener(Environments environments, BackupService backups, EvidenceLog evidence,
                                 EnvironmentLockListener environmentLock) {
        this.environments = environments;
        this.backups = backups;
        this.evidence = evidence;
        this.environmentLock = environmentLock;
    }

    /** What the approving lead reads: the backup, its age, and what going back to it loses. */
    private static void describeLoss(DelegateExecution execution, BackupRecord backup) {
        Authentication caller = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String requestedBy = caller == null || caller.getUserId() == null ? Deciders.UNKNOWN : caller.getUserId();
        execution.setVariable(VAR_ROLLBACK_REQUESTED_BY, requestedBy);
        // what the documents show as "started by": the caller, never a value a client sent along
        execution.setVariable(VAR_STARTED_BY, requestedBy);
        Duration age = Duration.between(backup.createdAt(), Instant.now());
        execution.setVariable(VAR_BACKUP_TAKEN_AT, backup.createdAt().toString());
        execution.setVariable(VAR_BACKUP_AGE, age.toHours() + " h " + age.toMinutesPart() + " min");
        execution.setVariable(VAR_ROLLBACK_LOSES, "Everything written to database " + backup.database() + " and its filestore since "
                + backup.createdAt() + " (" + age.toHours() + " h " + age.toMinutesPart() + " min ago) is lost; Odoo goes back to "
                + (backup.runningImage() == null ? "the image of the kept container" : backup.runningImage()) + ".");
    }

    /**
     * A rollback of its own gets its own id, so its evidence never lands in a go-live's log: a client-chosen id
     * (business key or goLiveId) is refused. Inside a go-live, the go-live passes both.
     */
    private static void refuseClientIds(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey != null && !businessKey.isBlank()) {
            throw new InvalidInputException("businessKey", "golive assigns a rollback's id (rollback-<environment>-<yyyyMMdd-HHmmss>-<4 hex digits>);"
                    + " start without a business key, was " + InvalidInputException.quote(businessKey));
        }
        if (execution.getVariable(VAR_GO_LIVE_ID) != null) {
            throw new InvalidInputException(VAR_GO_LIVE_ID, "set by golive: a rollback started on its own gets its own id, was "
                    + InvalidInputException.quote(execution.getVariable(VAR_GO_LIVE_ID)));
        }
    }

    @Override
    public void notify(DelegateExecution execution) {
        boolean onItsOwn = execution.getSuperExecution() == null;
        if (onItsOwn) {
            refuseClientIds(execution);
        }
        Object environment = execution.getVariable(VAR_ENVIRONMENT);
        if (environment == null || !environments.exists(environment.toString())) {
            throw new InvalidInputException(VAR_ENVIRONMENT, "unknown environment "
                    + (environment == null ? "(missing)" : InvalidInputException.quote(environment)) + "; configured: " + environments.names());
        }
        Object backupId = execution.getVariable(VAR_BACKUP_ID);
        BackupRecord backup = null;
        if (backupId != null) {
            backup = backups.find(environments.target(environment.toString()), backupId.toString()).orElseThrow(() -> new InvalidInputException(VAR_BACKUP_ID,
                    "no finished backup " + InvalidInputException.quote(backupId) + " for environment " + environment));
        }
        // called by a go-live, whose rollback criteria or lead decided; on its own, a lead decides first. Read from
        // the engine, not from a variable: a client starting a rollback could send any variable it likes
        execution.setVariable(VAR_ROLLBACK_NEEDS_APPROVAL, onItsOwn);
        if (onItsOwn) {
            if (backup == null) {
                throw new InvalidInputException(VAR_BACKUP_ID, "a rollback started on its own needs a backupId");
            }
            String id = InstanceIds.next("rollback", environment.toString());
            execution.setVariable(VAR_GO_LIVE_ID, id);
            execution.setProcessBusinessKey(id);
            describeLoss(execution, backup);
        }
        // on its own it takes the environment; called by a go-live it runs under the go-live's lock
        environmentLock.acquire(execution, environment.toString(), execution.getVariable(VAR_GO_LIVE_ID).toString());
        if (execution.getVariable(VAR_PREVIOUS_IMAGE) == null && backup != null && backup.runningImage() != null) {
            execution.setVariable(VAR_PREVIOUS_IMAGE, backup.runningImage());
        }
        evidence.record(execution.getVariable(VAR_GO_LIVE_ID).toString(), "rollback-start", EvidenceKind.ROLLBACK_START,
                Map.of("environment", environment.toString(), BackupFacts.BACKUP_ID, String.valueOf(backupId),
                        "previousImage", String.valueOf(execution.getVariable(VAR_PREVIOUS_IMAGE))));
    }
}
