package org.golive.rehearsal;

import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_GO_LIVE_ID;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_MANIFEST;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_STARTED_BY;
import static org.golive.step.ProcessConstants.VAR_RELEASE_HOOKS;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.golive.manifest.ManifestReader;
import org.golive.manifest.ReleaseManifest;
import org.golive.step.Deciders;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.InstanceIds;
import org.golive.support.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Reads the manifest a rehearsal is started with, however it was started (golive's REST API, engine REST, Tasklist):
 * a refused manifest throws, so nothing starts. It takes no environment lock: a rehearsal never touches the
 * environment's database, filestore or container, and its scratch names come from its own id.
 */
@Component("rehearsalStartListener")
public class RehearsalStartListener implements ExecutionListener {

    private final ManifestReader manifests;
    private final EvidenceLog evidence;

    public RehearsalStartListener(ManifestReader manifests, EvidenceLog evidence) {
        this.manifests = manifests;
        this.evidence = evidence;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey != null && !businessKey.isBlank()) {
            // the id names the scratch database, directory and containers: golive chooses it, never a client
            throw new InvalidInputException("businessKey", "golive assigns the rehearsal id; start without a business key, was "
                    + InvalidInputException.quote(businessKey));
        }
        Object yaml = execution.getVariable(VAR_MANIFEST);
        ReleaseManifest manifest = manifests.read(yaml == null ? null : yaml.toString());
        String id = InstanceIds.next(manifest.environment(), "rehearsal", manifest.tag());
        execution.setProcessBusinessKey(id);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(VAR_GO_LIVE_ID, id);
        variables.put(VAR_ENVIRONMENT, manifest.environment());
        variables.put(VAR_IMAGE_REPOSITORY, manifest.image());
        variables.put(VAR_RELEASE_TAG, manifest.tag());
        variables.put(VAR_INSTALL_MODULES, String.join(",", manifest.install()));
        variables.put(VAR_UPDATE_MODULES, String.join(",", manifest.update()));
        variables.put(VAR_RELEASE_HOOKS, manifest.hooks().toJson());
        Authentication caller = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        variables.put(VAR_STARTED_BY, caller == null || caller.getUserId() == null ? Deciders.UNKNOWN : caller.getUserId());
        execution.setVariables(variables);
        evidence.record(id, "start", EvidenceKind.START, new LinkedHashMap<>(variables));
    }
}
