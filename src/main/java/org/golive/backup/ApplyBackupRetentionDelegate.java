package org.golive.backup;


import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.backup.BackupRetentionService.Outcome;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * At the end of a go-live that completed: the environment's backup retention ({@link BackupRetentionService}), with
 * what it deleted, what it kept and why, and the bytes freed in the evidence. Run again, it deletes nothing more.
 */
@Component("applyBackupRetentionDelegate")
public class ApplyBackupRetentionDelegate extends StepDelegate {

    private final BackupRetentionService retention;

    public ApplyBackupRetentionDelegate(EvidenceLog evidence, BackupRetentionService retention) {
        super(evidence);
        this.retention = retention;
    }

    /** The release is live: a backup directory that cannot be tidied is an incident for a person, not a rollback. */
    @Override
    protected boolean failureRollsBack() {
        return false;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Outcome outcome = retention.apply(target(execution));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("keepLast", outcome.policy().keepLast());
        facts.put("keepYoungerThan", outcome.policy().keepYoungerThan().toString());
        facts.put("deletedBackups", outcome.deleted());
        facts.put("keptBackups", outcome.kept());
        facts.put("bytesFreed", outcome.bytesFreed());
        return facts;
    }
}
