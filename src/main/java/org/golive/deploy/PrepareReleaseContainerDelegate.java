package org.golive.deploy;

import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.Target;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/** Before maintenance: the release container, created under its staging name and not started. */
@Component("prepareReleaseContainerDelegate")
public class PrepareReleaseContainerDelegate extends StepDelegate {

    private final OdooRuntimeService runtime;

    public PrepareReleaseContainerDelegate(EvidenceLog evidence, OdooRuntimeService runtime) {
        super(evidence);
        this.runtime = runtime;
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Target environment = target(execution);
        String image = required(execution, VAR_IMAGE_REPOSITORY) + ":" + required(execution, VAR_RELEASE_TAG);
        return DeployOdooContainerDelegate.facts(runtime.prepareRelease(environment, image, goLiveId(execution)), image,
                runtime.repoDigests(environment, image));
    }
}
