package org.golive.deploy;

import static org.golive.process.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.process.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.process.ProcessConstants.VAR_RELEASE_TAG;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.deploy.ContainerService.ContainerInfo;
import org.golive.evidence.EvidenceLog;
import org.golive.process.StepDelegate;
import org.springframework.stereotype.Component;

@Component("deployOdooContainerDelegate")
public class DeployOdooContainerDelegate extends StepDelegate {

    private final OdooRuntimeService runtime;

    public DeployOdooContainerDelegate(EvidenceLog evidence, OdooRuntimeService runtime) {
        super(evidence);
        this.runtime = runtime;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String image = required(execution, VAR_IMAGE_REPOSITORY) + ":" + required(execution, VAR_RELEASE_TAG);
        ContainerInfo container = runtime.deployRelease(required(execution, VAR_ENVIRONMENT), image, goLiveId(execution));
        return Map.of("container", container.name(), "containerId", container.id(), "image", image,
                "imageId", container.imageId());
    }
}
