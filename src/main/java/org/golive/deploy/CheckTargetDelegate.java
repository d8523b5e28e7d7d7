package org.golive.deploy;

import static org.golive.step.ProcessConstants.VAR_IMAGE_REPOSITORY;
import static org.golive.step.ProcessConstants.VAR_RELEASE_TAG;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceKind;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

@Component("checkTargetDelegate")
public class CheckTargetDelegate extends StepDelegate {

    private final TargetChecks checks;

    public CheckTargetDelegate(EvidenceLog evidence, TargetChecks checks) {
        super(evidence);
        this.checks = checks;
    }

    @Override
    protected EvidenceKind evidenceKind() {
        return EvidenceKind.CHECK;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        return checks.check(target(execution),
                required(execution, VAR_IMAGE_REPOSITORY) + ":" + required(execution, VAR_RELEASE_TAG));
    }
}
