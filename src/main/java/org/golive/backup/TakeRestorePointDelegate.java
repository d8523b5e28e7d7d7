package org.golive.backup;

import static org.golive.step.ProcessConstants.VAR_PREVIOUS_IMAGE;
import static org.golive.step.ProcessConstants.VAR_RESTORE_POINT;
import static org.golive.step.ProcessConstants.VAR_RESTORE_POINT_ID;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.backup.RestorePoints.InWindow;
import org.golive.backup.SnapshotService.Snapshot;
import org.golive.config.GoliveProperties;
import org.golive.config.Target;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * The restore point inside the maintenance window, named after the go-live so a repeat finds the one already
 * made: a snapshot on the database server when it can be made, else the full backup as before snapshots.
 */
@Component("takeRestorePointDelegate")
public class TakeRestorePointDelegate extends StepDelegate {

    private final RestorePoints restorePoints;
    private final DumpFormat format;

    public TakeRestorePointDelegate(EvidenceLog evidence, RestorePoints restorePoints, GoliveProperties properties) {
        super(evidence);
        this.restorePoints = restorePoints;
        this.format = new DumpFormat(properties.steps());
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.RESTORE_POINT;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String goLiveId = goLiveId(execution);
        Target environment = target(execution);
        InWindow point = restorePoints.takeInWindow(environment, goLiveId, string(execution, VAR_PREVIOUS_IMAGE));
        Map<String, Object> facts = new LinkedHashMap<>();
        if (point.snapshot() != null) {
            Snapshot snapshot = point.snapshot();
            execution.setVariable(VAR_RESTORE_POINT_ID, goLiveId);
            execution.setVariable(VAR_RESTORE_POINT, snapshot.snapshotDatabase());
            facts.put(BackupFacts.RESTORE_POINT, "snapshot");
            facts.put(BackupFacts.DATABASE, snapshot.database());
            facts.put(BackupFacts.SNAPSHOT_DATABASE, snapshot.snapshotDatabase());
            facts.put("databaseSizeBytes", snapshot.databaseSizeBytes());
            facts.put(BackupFacts.FILESTORE_SNAPSHOT, String.valueOf(snapshot.filestoreSnapshot()));
            // a path on golive's host, or inside the Odoo container's mounts
            facts.put("filestoreAccess", SnapshotFilestores.throughDocker(environment.settings()) ? FilestoreBackup.DOCKER : FilestoreBackup.LOCAL);
            facts.put("filestoreFilesLinked", snapshot.files() < 0 ? "made by an earlier attempt" : snapshot.files());
            facts.put("snapshotMillis", snapshot.took().toMillis());
            facts.put("offHostBackup", "taken from the snapshot after Odoo serves again");
            return facts;
        }
        facts.put(BackupFacts.RESTORE_POINT, "pg_dump inside the window");
        facts.put(BackupFacts.SNAPSHOT_REFUSED, point.snapshotRefused());
        facts.putAll(BackUpDatabaseDelegate.record(execution, point.backup(), format));
        return facts;
    }
}
