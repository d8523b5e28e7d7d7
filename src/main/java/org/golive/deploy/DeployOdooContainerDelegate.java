package org.golive.deploy;

import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.Target;
import org.golive.deploy.ContainerService.ContainerInfo;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/** Inside the window: the prepared release container takes the environment's container name (not started yet). */
@Component("deployOdooContainerDelegate")
public class DeployOdooContainerDelegate extends StepDelegate {

    private final OdooRuntimeService runtime;

    public DeployOdooContainerDelegate(EvidenceLog evidence, OdooRuntimeService runtime) {
        super(evidence);
        this.runtime = runtime;
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.CONTAINER_SWAP;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Target environment = target(execution);
        String image = required(execution, VAR_IMAGE_REPOSITORY) + ":" + required(execution, VAR_RELEASE_TAG);
        return facts(runtime.deployRelease(environment, image, goLiveId(execution)), image, runtime.repoDigests(environment, image));
    }

    static Map<String, Object> facts(ContainerInfo container, String image, List<String> repoDigests) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("container", container.name());
        facts.put("containerId", container.id());
        facts.put("image", image);
        facts.put("imageId", container.imageId());
        facts.put("repoDigests", repoDigests == null ? List.of() : repoDigests);
        // a tag can move; the digest names exactly what shipped. An image never pushed has only its Id.
        facts.put("imageDigest", repoDigests == null || repoDigests.isEmpty() ? container.imageId() : repoDigests.get(0));
        return facts;
    }
}
