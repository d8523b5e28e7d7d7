package org.golive.api;

import static org.golive.step.ProcessConstants.GROUP_ANY_GOLIVE;
import static org.golive.step.ProcessConstants.GROUP_LEAD;
import static org.golive.step.ProcessConstants.GROUP_OPS;
import static org.golive.step.ProcessConstants.GROUP_RELEASE;
import static org.golive.step.ProcessConstants.GROUP_SECURITY_LEAD;
import static org.golive.step.ProcessConstants.PROCESS_GO_LIVE;
import static org.golive.step.ProcessConstants.PROCESS_ROLLBACK;
import static org.golive.step.ProcessConstants.VAR_BACKUP_ID;
import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_MANIFEST;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.golive.backup.BackupFacts;
import org.golive.backup.BackupRecord;
import org.golive.backup.BackupService;
import org.golive.deploy.OdooRuntimeService;
import org.golive.config.Environments;
import org.golive.config.Target;
import org.golive.rollback.SecurityBreachReports;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.manifest.InvalidManifestException;
import org.golive.manifest.ManifestReader;
import org.golive.manifest.ReleaseManifest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a release manager does from a script: validate a manifest, start a go-live or a rollback. */
@RestController
@RequestMapping("/api")
public class GoLiveController {

    /** A started instance and where to follow it. */
    public record Started(String id, String processInstanceId, String cockpit) {
    }

    /** A rollback request: the environment and the backup to go back to. */
    public record RollbackRequest(String environment, String backupId) {
    }

    /** What a person reports that golive cannot measure; the next validation feeds it to the rollback criteria. */
    public record SecurityBreachReport(String reason) {
    }

    private final ManifestReader manifests;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private static final java.time.format.DateTimeFormatter BACKUP_IDS = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Environments environments;
    private final BackupService backups;
    private final OdooRuntimeService odoo;
    private final EvidenceLog evidence;
    private final SecurityBreachReports breaches;

    public GoLiveController(ManifestReader manifests, RuntimeService runtime, IdentityService identity,
                            Environments environments, BackupService backups, EvidenceLog evidence,
                            OdooRuntimeService odoo, SecurityBreachReports breaches) {
        this.breaches = breaches;
        this.odoo = odoo;
        this.manifests = manifests;
        this.runtime = runtime;
        this.identity = identity;
        this.environments = environments;
        this.backups = backups;
        this.evidence = evidence;
    }

    @RequiresGroup({GROUP_RELEASE, GROUP_LEAD})
    @PostMapping(path = "/manifests/validate", consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
    public ReleaseManifest validate(@RequestBody String yaml) {
        return manifests.read(yaml);
    }

    @RequiresGroup({GROUP_RELEASE})
    @PostMapping(path = "/go-lives", consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
    public ResponseEntity<Started> startGoLive(@RequestBody String yaml) {
        // read once, by the start listener, whichever client starts the go-live; a refused manifest throws from there
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(VAR_MANIFEST, yaml);
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_GO_LIVE, variables);
        return created(instance);
    }

    @RequiresGroup({GROUP_RELEASE, GROUP_LEAD})
    @PostMapping(path = "/rollbacks", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Started> startRollback(@RequestBody RollbackRequest request) {
        if (!environments.exists(request.environment())) {
            throw new IllegalArgumentException("environment: unknown environment '" + request.environment() + "'; configured: " + environments.names());
        }
        if (backups.find(environments.target(request.environment()), request.backupId()).isEmpty()) {
            throw new IllegalArgumentException("backupId: no finished backup '" + request.backupId() + "' for environment " + request.environment());
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(VAR_ENVIRONMENT, request.environment());
        variables.put(VAR_BACKUP_ID, request.backupId());
        return created(runtime.startProcessInstanceByKey(PROCESS_ROLLBACK, variables));
    }

    @RequiresGroup({GROUP_ANY_GOLIVE})
    @GetMapping("/environments")
    public List<String> environments() {
        return List.copyOf(environments.names());
    }

    @RequiresGroup({GROUP_OPS, GROUP_RELEASE, GROUP_LEAD})
    @GetMapping("/environments/{environment}/backups")
    public List<BackupRecord> backups(@PathVariable String environment) {
        return backups.list(environments.target(environment));
    }

    /**
     * Takes a backup now (pg_dump and filestore, verified like a go-live's): what the readiness gate's test
     * restore needs on an environment that has no nightly backup of its own yet.
     */
    @RequiresGroup({GROUP_OPS, GROUP_RELEASE})
    @PostMapping("/environments/{environment}/backups")
    public ResponseEntity<BackupRecord> backUpNow(@PathVariable String environment) {
        Target target = environments.target(environment);
        String id = "manual-" + BACKUP_IDS.format(java.time.LocalDateTime.now());
        BackupRecord backup = backups.backUp(target, id, odoo.runningImage(target));
        evidence.record(id, "manual-backup", EvidenceKind.REQUEST, Map.of("environment", environment, BackupFacts.BACKUP_ID, id, "requestedBy", caller(),
                BackupFacts.DUMP_SHA256, backup.dumpSha256(), BackupFacts.DUMP_SIZE_BYTES, backup.dumpSizeBytes()));
        return ResponseEntity.status(HttpStatus.CREATED).body(backup);
    }

    /**
     * A security breach is a rollback criterion golive cannot detect itself: a person reports it here, and the
     * go-live's next validation (at the latest the next hypercare check) decides an immediate rollback.
     */
    @RequiresGroup({GROUP_SECURITY_LEAD, GROUP_OPS})
    @PostMapping(path = "/go-lives/{id}/security-breach", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> reportSecurityBreach(@PathVariable String id, @RequestBody SecurityBreachReport report) {
        String reportedBy = caller();
        if (breaches.report(id, report == null ? null : report.reason(), reportedBy).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no running go-live '" + id + "'"));
        }
        return ResponseEntity.accepted().body(Map.of("goLiveId", id, "securityBreachReported", true, "reportedBy", reportedBy));
    }

    @RequiresGroup({GROUP_ANY_GOLIVE})
    @GetMapping("/go-lives/{id}/evidence")
    public List<Map<String, Object>> evidence(@PathVariable String id) {
        return evidence.entries(id);
    }

    @ExceptionHandler(InvalidManifestException.class)
    ResponseEntity<Map<String, Object>> invalidManifest(InvalidManifestException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(),
                "problems", e.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
    }

    private ResponseEntity<Started> created(ProcessInstance instance) {
        Started started = new Started(instance.getBusinessKey(), instance.getId(),
                "/camunda/app/cockpit/default/#/process-instance/" + instance.getId());
        return ResponseEntity.created(URI.create("/api/go-lives/" + instance.getBusinessKey() + "/evidence")).body(started);
    }

    private String caller() {
        Authentication authentication = identity.getCurrentAuthentication();
        return authentication == null ? "anonymous" : authentication.getUserId();
    }
}
