package org.golive.backup;

import static org.golive.step.ProcessConstants.VAR_RESTORE_POINT_ID;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Hypercare passed: the go-live's snapshot is no longer needed (the off-host backup stays), and copies of earlier
 * go-lives past their keeping time ({@code golive.snapshot.keep-for}, {@code keep-failed-for}) go with it.
 */
@Component("dropRestorePointDelegate")
public class DropRestorePointDelegate extends StepDelegate {

    private final RestorePoints restorePoints;

    public DropRestorePointDelegate(EvidenceLog evidence, RestorePoints restorePoints) {
        super(evidence);
        this.restorePoints = restorePoints;
    }

    /** The release is live and stays: a copy left behind is disk space, a person's to look at, not a rollback. */
    @Override
    protected boolean failureRollsBack() {
        return false;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.RESTORE_POINT_CLEANUP;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        List<String> dropped = restorePoints.cleanUp(target(execution), string(execution, VAR_RESTORE_POINT_ID), Instant.now());
        return Map.of(BackupFacts.DROPPED, dropped);
    }
}
