package org.golive.readiness;

import org.springframework.stereotype.Service;

/**
 * The one entry point to the readiness gates. A FAIL or INCONCLUSIVE is a result; an exception means the
 * gate could not look (Docker or PostgreSQL unreachable) and is worth retrying.
 */
@Service
public class ReadinessGateService {

    private final ImageTagGate imageTag;
    private final StagingHistoryGate stagingHistory;
    private final BackupRestoreGate backupRestore;
    private final PostgresGate postgres;
    private final OdooConfigGate odooConfig;
    private final RuntimeGate runtime;
    private final BackupDiskGate backupDisk;

    public ReadinessGateService(ImageTagGate imageTag, StagingHistoryGate stagingHistory, BackupRestoreGate backupRestore,
                                PostgresGate postgres, OdooConfigGate odooConfig, RuntimeGate runtime,
                                BackupDiskGate backupDisk) {
        this.imageTag = imageTag;
        this.stagingHistory = stagingHistory;
        this.backupRestore = backupRestore;
        this.postgres = postgres;
        this.odooConfig = odooConfig;
        this.runtime = runtime;
        this.backupDisk = backupDisk;
    }

    public GateResult check(Gate gate, GateRequest request) {
        return switch (gate) {
            case imageTag -> imageTag.check(request);
            case stagingHistory -> stagingHistory.check(request);
            case backupRestore -> backupRestore.check(request);
            case postgres -> postgres.check(request);
            case odooConfig -> odooConfig.check(request);
            case runtime -> runtime.check(request);
            case backupDisk -> backupDisk.check(request);
        };
    }
}
