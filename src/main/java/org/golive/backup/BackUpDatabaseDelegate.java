package org.golive.backup;

import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;
import static org.golive.step.ProcessConstants.VAR_BACKUP_SHA256;
import static org.golive.step.ProcessConstants.VAR_BACKUP_SIZE;
import static org.golive.step.ProcessConstants.VAR_PREVIOUS_IMAGE;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.GoliveProperties;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/** The final pre-deploy backup, named after the go-live so a repeat finds the one already made. */
@Component("backUpDatabaseDelegate")
public class BackUpDatabaseDelegate extends StepDelegate {

    private final BackupService backups;
    private final DumpFormat format;

    public BackUpDatabaseDelegate(EvidenceLog evidence, BackupService backups, GoliveProperties properties) {
        super(evidence);
        this.backups = backups;
        this.format = new DumpFormat(properties.steps());
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.BACKUP;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        BackupRecord backup = backups.backUp(target(execution), goLiveId(execution),
                string(execution, VAR_PREVIOUS_IMAGE));
        execution.setVariable(VAR_BACKUP_ID, backup.id());
        execution.setVariable(VAR_BACKUP_SHA256, backup.dumpSha256());
        execution.setVariable(VAR_BACKUP_SIZE, backup.dumpSizeBytes());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(BackupFacts.BACKUP_ID, backup.id());
        facts.put(BackupFacts.DATABASE, backup.database());
        // the password travels in the child's environment (PGPASSWORD), never in argv
        facts.put("argv", String.join(" ", format.dumpArgv(backup.dumpFile() + ".partial", backup.database())));
        facts.put("exitCode", 0); // BackupService refuses any other exit code
        facts.put(BackupFacts.DUMP_FILE, backup.dumpFile());
        facts.put(BackupFacts.DUMP_SIZE_BYTES, backup.dumpSizeBytes());
        facts.put(BackupFacts.DUMP_SHA256, backup.dumpSha256());
        facts.put("pgRestoreListArgv", "pg_restore --list " + backup.dumpFile());
        facts.put("pgRestoreListExitCode", 0);
        facts.put("pgRestoreListEntries", backup.dumpTocEntries());
        facts.put(BackupFacts.FILESTORE_ARCHIVE, backup.filestoreArchive());
        facts.put("filestoreSizeBytes", backup.filestoreSizeBytes());
        facts.put(BackupFacts.FILESTORE_SHA256, backup.filestoreSha256());
        facts.put("runningImage", String.valueOf(backup.runningImage()));
        facts.put("backupCreatedAt", String.valueOf(backup.createdAt()));
        return facts;
    }
}
