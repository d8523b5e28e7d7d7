package org.golive.process;

import org.golive.step.EvidenceKind;
import org.golive.step.InstanceIds;
import static org.golive.step.ProcessConstants.*;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.golive.config.Environments;
import org.golive.config.GoliveProperties.TargetEnvironment;
import org.golive.lock.EnvironmentLockListener;
import org.golive.lock.LockProperties;
import org.golive.readiness.ReadinessProperties;
import org.golive.step.Deciders;
import org.golive.step.EvidenceLog;
import org.golive.step.ReleaseSeals;
import org.golive.step.StepDelegate;
import org.golive.manifest.ManifestReader;
import org.golive.manifest.ReleaseManifest;
import org.golive.support.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Validates the manifest a go-live is started with, whichever way it was started (REST, Tasklist start
 * form): a refused manifest or a client-chosen business key throws, so the start is rolled back and nothing
 * exists. A valid one becomes the go-live's variables and its plan.
 */
@Component("goLiveStartListener")
public class GoLiveStartListener implements ExecutionListener {

    static final String BUSINESS_KEY = "businessKey";
    private static final String ID_FORM = "<environment>-<tag>-<yyyyMMdd-HHmmss>-<4 hex digits>";

    private final ManifestReader manifests;
    private final Environments environments;
    private final EvidenceLog evidence;
    private final ReleaseSeals seals;
    private final EnvironmentLockListener environmentLock;
    private final LockProperties locking;
    private final String stagingEnvironment;
    private final FleetSignOffs fleetSignOffs;

    public GoLiveStartListener(ManifestReader manifests, Environments environments, EvidenceLog evidence, ReleaseSeals seals,
                               EnvironmentLockListener environmentLock, LockProperties locking, ReadinessProperties readiness,
                               FleetSignOffs fleetSignOffs) {
        this.fleetSignOffs = fleetSignOffs;
        this.locking = locking;
        this.stagingEnvironment = readiness.stagingEnvironment();
        this.seals = seals;
        this.manifests = manifests;
        this.environments = environments;
        this.evidence = evidence;
        this.environmentLock = environmentLock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        refuseClientBusinessKey(execution.getProcessBusinessKey());
        Object yaml = execution.getVariable(VAR_MANIFEST);
        ReleaseManifest manifest = manifests.read(yaml == null ? null : yaml.toString());
        String goLiveId = InstanceIds.next(manifest.environment(), manifest.tag());
        execution.setProcessBusinessKey(goLiveId);
        // one change per environment, until this go-live ends (hypercare included): a held one refuses the start
        environmentLock.acquire(execution, manifest.environment(), goLiveId);
        // the staging environment the release was tested on, too (lock-staging): released with the target's at every end
        if (locking.locksStaging(manifest.environment()) && stagingEnvironment != null && !stagingEnvironment.isBlank()
                && !stagingEnvironment.equals(manifest.environment())) {
            environmentLock.acquire(execution, stagingEnvironment, goLiveId);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(VAR_GO_LIVE_ID, goLiveId);
        variables.put(VAR_ENVIRONMENT, manifest.environment());
        variables.put(VAR_IMAGE_REPOSITORY, manifest.image());
        variables.put(VAR_RELEASE_TAG, manifest.tag());
        variables.put(VAR_INSTALL_MODULES, String.join(",", manifest.install()));
        variables.put(VAR_UPDATE_MODULES, String.join(",", manifest.update()));
        variables.put(VAR_NOTES, manifest.notes() == null ? "" : manifest.notes());
        variables.put(VAR_CHANGE, manifest.change() == null ? "" : manifest.change());
        variables.put(VAR_HOTFIX_REASON, manifest.hotfix() ? manifest.hotfixReason() : "");
        variables.put(VAR_RELEASE_HOOKS, manifest.hooks().toJson());
        variables.put(VAR_PLAN, plan(manifest, environments.get(manifest.environment())));
        // for people and documents; the four-eyes rule reads the engine's own record (Deciders.startedBy). Always the
        // authenticated caller, never a value a client sent along
        Authentication caller = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        variables.put(VAR_STARTED_BY, caller == null || caller.getUserId() == null ? Deciders.UNKNOWN : caller.getUserId());
        execution.setVariables(variables);
        seals.seal(goLiveId, StepDelegate.release(execution));
        Map<String, Object> facts = new LinkedHashMap<>(variables);
        evidence.record(goLiveId, "start", EvidenceKind.START, facts);
        recordFleetSignOff(execution, goLiveId);
    }

    /**
     * A go-live called by a signed-off fleet for the release the fleet sealed skips its own sign-off and go/no-go
     * (go-live.bpmn asks {@link FleetSignOffs} again at those gateways); its evidence names who signed the fleet off.
     */
    private void recordFleetSignOff(DelegateExecution execution, String goLiveId) {
        fleetSignOffs.of(execution).ifPresent(fleet -> {
            execution.setVariable(VAR_FLEET_SIGNED_OFF_BY, fleet.fleetId() + ": " + String.join("; ", fleet.records().values()));
            fleet.signers().forEach((role, signer) -> {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("role", role);
                facts.put("decision", "approve (fleet " + fleet.fleetId() + ")");
                facts.put("signedBy", signer);
                facts.put("comment", fleet.records().getOrDefault(role, ""));
                evidence.record(goLiveId, "fleetSignOff", EvidenceKind.DECISION, facts);
            });
        });
    }

    /**
     * The go-live id names the evidence log, the documents and the kept containers, and a breach report finds the
     * go-live by it: a client-chosen id could collide with another go-live's or escape the data directory, so
     * golive assigns every one (engine REST's and Tasklist's business key field included).
     */
    static void refuseClientBusinessKey(String businessKey) {
        if (businessKey == null || businessKey.isBlank()) {
            return;
        }
        if (!InstanceIds.isValid(businessKey)) {
            throw new InvalidInputException(BUSINESS_KEY, InvalidInputException.quote(businessKey) + " is not a go-live id (" + ID_FORM
                    + "); start without one: golive assigns the go-live id");
        }
        throw new InvalidInputException(BUSINESS_KEY, "golive assigns the go-live id (" + ID_FORM + "); start without a business key, was "
                + InvalidInputException.quote(businessKey));
    }

    static String plan(ReleaseManifest manifest, TargetEnvironment target) {
        String container = target.container().name();
        StringBuilder plan = new StringBuilder();
        plan.append("1. Announce the deployment and check that ").append(manifest.environment()).append(" is reachable\n");
        plan.append("2. Maintenance: stop ").append(container).append(" and keep it for rollback\n");
        plan.append("3. Back up database ").append(target.database().name())
                .append(" (pg_dump custom format, verified with pg_restore --list) and the filestore\n");
        plan.append("4. Create ").append(container).append(" from ").append(manifest.imageReference()).append('\n');
        plan.append("5. Install in order: ").append(manifest.install().isEmpty() ? "nothing" : String.join(", ", manifest.install())).append('\n');
        plan.append("6. Update: ").append(manifest.update().isEmpty() ? "nothing" : String.join(", ", manifest.update()));
        if (!manifest.hooks().isEmpty()) {
            plan.append("; release hooks: ").append(manifest.hooks().preUpdate().size()).append(" before, ")
                    .append(manifest.hooks().postUpdate().size()).append(" after the module run");
        }
        plan.append('\n');
        plan.append("7. Start Odoo, validate (health, login, database selector, websocket, modules, crons, p95 latency)\n");
        plan.append("8. Hypercare: re-validate at intervals; any failure rolls back to the backup of step 3");
        return plan.toString();
    }
}
