package org.golive.followup;

import static org.golive.step.ProcessConstants.VAR_BACKUP_VERIFICATION;
import static org.golive.step.ProcessConstants.VAR_BACKUP_VERIFIED;
import static org.golive.step.ProcessConstants.VAR_LATEST_BACKUP_ID;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.backup.BackupVerificationService;
import org.golive.backup.BackupVerificationService.Verification;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Verifies the environment's newest backup. A failed verification is a result for the daily review to
 * record and announce, so it is returned, never thrown: the follow-up goes on.
 */
@Component("verifyLatestBackupDelegate")
public class VerifyLatestBackupDelegate extends StepDelegate {

    private final BackupVerificationService verifier;
    private final PostGoLiveProperties settings;

    public VerifyLatestBackupDelegate(EvidenceLog evidence, BackupVerificationService verifier, PostGoLiveProperties settings) {
        super(evidence);
        this.verifier = verifier;
        this.settings = settings;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.CHECK;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Verification verification = verifier.verifyLatest(target(execution), settings.backupMaxAge());
        execution.setVariable(VAR_BACKUP_VERIFIED, verification.passed());
        execution.setVariable(VAR_BACKUP_VERIFICATION, verification.summary());
        execution.setVariable(VAR_LATEST_BACKUP_ID, verification.backupId());
        Map<String, Object> facts = new LinkedHashMap<>(verification.facts());
        facts.put("verified", verification.passed());
        facts.put("problems", verification.problems());
        return facts;
    }
}
