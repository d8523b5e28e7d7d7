package org.golive.modules;

import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_INSTALL_MODULES;
import static org.golive.step.ProcessConstants.VAR_MODULE_VERSIONS_AFTER;
import static org.golive.step.ProcessConstants.VAR_MODULE_VERSIONS_BEFORE;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;
import static org.golive.step.ProcessConstants.VAR_UPDATE_MODULES;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.config.Target;
import org.golive.modules.ModuleDeploymentService.Report;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

/**
 * Installs and updates the release's modules with Odoo's CLI in the release image, as the task's
 * {@code camunda:property name="run"} says ({@code release}: both, in one run unless
 * {@code golive.steps.module-runs} says per-module; {@code install} or {@code update}: the tasks of go-live
 * definitions deployed before, whose instances may still be running), and records the module versions read from
 * {@code ir_module_module} before and after.
 */
@Component("runModulesDelegate")
public class RunModulesDelegate extends StepDelegate {

    private final ModuleDeploymentService modules;

    public RunModulesDelegate(EvidenceLog evidence, ModuleDeploymentService modules) {
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
        Target environment = target(execution);
        String image = required(execution, VAR_IMAGE_REPOSITORY) + ":" + required(execution, VAR_RELEASE_TAG);
        String run = taskProperty(execution, "run");
        Report report = switch (run) {
            case "release" -> modules.release(environment, image, modules(execution, VAR_INSTALL_MODULES),
                    modules(execution, VAR_UPDATE_MODULES), goLiveId(execution));
            case "install" -> modules.install(environment, image, modules(execution, VAR_INSTALL_MODULES), goLiveId(execution));
            case "update" -> modules.update(environment, image, modules(execution, VAR_UPDATE_MODULES), goLiveId(execution));
            default -> throw new IllegalStateException("task " + execution.getCurrentActivityId() + ": camunda:property run must be "
                    + List.of("release", "install", "update") + ", was '" + run + "'");
        };
        return ModuleReports.record(execution, report, VAR_MODULE_VERSIONS_BEFORE, VAR_MODULE_VERSIONS_AFTER);
    }
}
