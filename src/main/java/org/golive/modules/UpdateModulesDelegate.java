package org.golive.modules;

import static org.golive.step.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_MODULE_VERSIONS_AFTER;
import static org.golive.step.ProcessConstants.VAR_MODULE_VERSIONS_BEFORE;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.modules.ModuleDeploymentService.Report;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

@Component("updateModulesDelegate")
public class UpdateModulesDelegate extends StepDelegate {

    private final ModuleDeploymentService modules;

    public UpdateModulesDelegate(EvidenceLog evidence, ModuleDeploymentService modules) {
        super(evidence);
        this.modules = modules;
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.MODULE_RUN;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Report report = modules.update(required(execution, VAR_ENVIRONMENT),
                required(execution, VAR_IMAGE_REPOSITORY) + ":" + required(execution, VAR_RELEASE_TAG),
                modules(execution, VAR_UPDATE_MODULES), goLiveId(execution));
        return ModuleReports.record(execution, report, VAR_MODULE_VERSIONS_BEFORE, VAR_MODULE_VERSIONS_AFTER);
    }
}
