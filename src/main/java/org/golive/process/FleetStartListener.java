package org.golive.process;

import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_FLEET_ID;
import static org.golive.step.ProcessConstants.VAR_FLEET_MANIFEST;
import static org.golive.step.ProcessConstants.VAR_FLEET_WAVE;
import static org.golive.step.ProcessConstants.VAR_FLEET_WAVES;
import static org.golive.step.ProcessConstants.VAR_FLEET_WAVE_COUNT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_NOTES;
import static org.golive.step.ProcessConstants.VAR_READINESS_REASON;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_STARTED_BY;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.golive.manifest.FleetManifest;
import org.golive.manifest.FleetManifestReader;
import org.golive.manifest.ReleaseManifest;
import org.golive.step.Deciders;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.InstanceIds;
import org.golive.step.ReleaseSeals;
import org.springframework.stereotype.Component;

/**
 * Validates a fleet manifest on the fleet's start event, whichever client starts it (golive's API, engine REST): a
 * refused one throws, so nothing exists afterwards: no instance, no seal, no lock (the locks are the called
 * go-lives'). A valid one gets its fleet id and its variables, and the release is sealed once per environment:
 * what the fleet's sign-off approves, and what a called go-live must still ship to skip its own sign-off.
 */
@Component("fleetStartListener")
public class FleetStartListener implements ExecutionListener {

    private final FleetManifestReader fleets;
    private final EvidenceLog evidence;
    private final ReleaseSeals seals;

    public FleetStartListener(FleetManifestReader fleets, EvidenceLog evidence, ReleaseSeals seals) {
        this.fleets = fleets;
        this.evidence = evidence;
        this.seals = seals;
    }

    @Override
    public void notify(DelegateExecution execution) {
        GoLiveStartListener.refuseClientBusinessKey(execution.getProcessBusinessKey());
        Object yaml = execution.getVariable(VAR_FLEET_MANIFEST);
        FleetManifest fleet = fleets.read(yaml == null ? null : yaml.toString());
        ReleaseManifest release = fleet.release();
        String fleetId = InstanceIds.next("fleet", release.tag());
        execution.setProcessBusinessKey(fleetId);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(VAR_FLEET_ID, fleetId);
        // the sign-off process and its notifications read these names
        variables.put(VAR_GO_LIVE_ID, fleetId);
        variables.put(VAR_ENVIRONMENT, "fleet of " + fleet.environments().size() + ": " + String.join(", ", fleet.environments()));
        variables.put(VAR_IMAGE_REPOSITORY, release.image());
        variables.put(VAR_RELEASE_TAG, release.tag());
        variables.put(VAR_INSTALL_MODULES, String.join(",", release.install()));
        variables.put(VAR_UPDATE_MODULES, String.join(",", release.update()));
        variables.put(VAR_NOTES, release.notes() == null ? "" : release.notes());
        variables.put(VAR_READINESS_REASON, "each environment's readiness gates and attestation run in its own go-live, before it deploys");
        variables.put(VAR_FLEET_WAVES, FleetWaves.format(fleet.waves()));
        variables.put(VAR_FLEET_WAVE_COUNT, fleet.waves().size());
        variables.put(VAR_FLEET_WAVE, 0);
        Authentication caller = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        variables.put(VAR_STARTED_BY, caller == null || caller.getUserId() == null ? Deciders.UNKNOWN : caller.getUserId());
        execution.setVariables(variables);
        // the fleet's go/no-go refuses a go when the release variables changed since the start, as a go-live's does
        seals.seal(fleetId, new ReleaseSeals.Release(variables.get(VAR_ENVIRONMENT).toString(), release.image(), release.tag(),
                String.join(",", release.install()), String.join(",", release.update())));
        for (String environment : fleet.environments()) {
            seals.seal(FleetSignOffs.sealKey(execution.getProcessInstanceId(), environment), new ReleaseSeals.Release(environment,
                    release.image(), release.tag(), String.join(",", release.install()), String.join(",", release.update())));
        }
        Map<String, Object> facts = new LinkedHashMap<>(variables);
        facts.put("canary", fleet.canary() == null ? "" : fleet.canary());
        facts.put("waves", fleet.waves().stream().map(List::toString).toList());
        evidence.record(fleetId, "start", EvidenceKind.START, facts);
    }
}
