package org.golive.backup;

import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.backup.OffsiteCopy.Outcome;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * After a completed go-live: its verified backup ({@code backupId}) copied to the environment's off-site host and
 * checked there ({@link OffsiteCopy}). Unconfigured, it records so and passes. Run again, it sends nothing more.
 */
@Component("copyBackupOffsiteDelegate")
public class CopyBackupOffsiteDelegate extends StepDelegate {

    private final OffsiteCopy offsite;

    public CopyBackupOffsiteDelegate(EvidenceLog evidence, OffsiteCopy offsite) {
        super(evidence);
        this.offsite = offsite;
    }

    /** The release is live: a copy that cannot be made is an incident for a person, not a rollback. */
    @Override
    protected boolean failureRollsBack() {
        return false;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Map<String, Object> facts = new LinkedHashMap<>();
        String backupId = string(execution, VAR_BACKUP_ID);
        facts.put(BackupFacts.BACKUP_ID, backupId == null ? "" : backupId);
        if (backupId == null || backupId.isBlank()) {
            facts.put("offsite", "no backup of this go-live to copy");
            return facts;
        }
        Outcome outcome = offsite.copy(target(execution), backupId);
        if (!outcome.configured()) {
            facts.put("offsite", "off-site copy not configured");
            return facts;
        }
        facts.put("offsite", "copied and verified by size and SHA-256");
        facts.put("destination", outcome.destination());
        List<Map<String, Object>> files = outcome.files().stream().map(file -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", file.remotePath());
            entry.put("sizeBytes", file.sizeBytes());
            entry.put("sha256", file.sha256());
            entry.put("sent", file.sent());
            return entry;
        }).toList();
        facts.put("files", files);
        facts.put("filesSent", outcome.sent());
        facts.put("filesAlreadyThere", outcome.files().size() - outcome.sent());
        return facts;
    }
}
