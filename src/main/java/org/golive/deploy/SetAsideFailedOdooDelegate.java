package org.golive.deploy;

import static org.golive.step.ProcessConstants.VAR_PREVIOUS_IMAGE;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

@Component("setAsideFailedOdooDelegate")
public class SetAsideFailedOdooDelegate extends StepDelegate {

    private final OdooRuntimeService runtime;

    public SetAsideFailedOdooDelegate(EvidenceLog evidence, OdooRuntimeService runtime) {
        super(evidence);
        this.runtime = runtime;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        return Map.of("setAside", runtime.setAsideFailed(target(execution), goLiveId(execution),
                string(execution, VAR_PREVIOUS_IMAGE)).orElse("none"));
    }
}
