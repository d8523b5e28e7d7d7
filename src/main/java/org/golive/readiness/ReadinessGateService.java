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
    private final EdgeGate edge;
    private final ProxyConfigGate proxyConfig;
    private final PlatformGates platform;
    private final OdooSecurityGate odooSecurity;
    private final ReleasePlanGates plan;
    private final BackupDiskGate backupDisk;
    private final OdooSetupGate odooSetup;
    private final MonitoringGate monitoring;
    private final StagingLoadGate stagingLoad;
    private final RehearsalGate rehearsal;

    public ReadinessGateService(ImageTagGate imageTag, StagingHistoryGate stagingHistory, BackupRestoreGate backupRestore,
                                PostgresGate postgres, OdooConfigGate odooConfig, RuntimeGate runtime, EdgeGate edge,
                                ProxyConfigGate proxyConfig, PlatformGates platform, OdooSecurityGate odooSecurity,
                                ReleasePlanGates plan, BackupDiskGate backupDisk, OdooSetupGate odooSetup,
                                MonitoringGate monitoring, StagingLoadGate stagingLoad,
                                RehearsalGate rehearsal) {
        this.rehearsal = rehearsal;
        this.stagingLoad = stagingLoad;
        this.plan = plan;
        this.imageTag = imageTag;
        this.stagingHistory = stagingHistory;
        this.backupRestore = backupRestore;
        this.postgres = postgres;
        this.odooConfig = odooConfig;
        this.runtime = runtime;
        this.edge = edge;
        this.proxyConfig = proxyConfig;
        this.platform = platform;
        this.odooSecurity = odooSecurity;
        this.backupDisk = backupDisk;
        this.odooSetup = odooSetup;
        this.monitoring = monitoring;
    }

    public GateResult check(Gate gate, GateRequest request) {
        return switch (gate) {
            case imageTag -> imageTag.check(request);
            case stagingHistory -> stagingHistory.check(request);
            case backupRestore -> backupRestore.check(request);
            case postgres -> postgres.check(request);
            case odooConfig -> odooConfig.check(request);
            case runtime -> runtime.check(request);
            case edge -> edge.check(request);
            case proxyConfig -> proxyConfig.check(request);
            case changeFreeze -> platform.changeFreeze().check(request);
            case postgresSettings -> platform.postgresSettings().check(request);
            case logRotation -> platform.logRotation().check(request);
            case containerSecrets -> platform.containerSecrets().check(request);
            case filestore -> platform.filestore().check(request);
            case rollbackRehearsed -> platform.rollbackRehearsed().check(request);
            case odooSecurity -> odooSecurity.check(request);
            case series -> plan.series(request);
            case modulePlan -> plan.modulePlan(request);
            case backupDisk -> backupDisk.check(request);
            case odooSetup -> odooSetup.check(request);
            case databaseAccess -> platform.databaseAccess().check(request);
            case monitoring -> monitoring.check(request);
            case stagingLoad -> stagingLoad.check(request);
            case rehearsal -> rehearsal.check(request);
        };
    }
}
