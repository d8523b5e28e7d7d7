package org.golive.deploy;

import static org.golive.step.ProcessConstants.VAR_PREVIOUS_CONTAINER;
import static org.golive.step.ProcessConstants.VAR_PREVIOUS_IMAGE;

import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.deploy.OdooRuntimeService.KeptContainer;
import org.golive.step.EvidenceLog;
import org.golive.step.StepDelegate;
import org.springframework.stereotype.Component;

@Component("keepPreviousOdooDelegate")
public class KeepPreviousOdooDelegate extends StepDelegate {

    private final OdooRuntimeService runtime;

    public KeepPreviousOdooDelegate(EvidenceLog evidence, OdooRuntimeService runtime) {
        super(evidence);
        this.runtime = runtime;
    }

    @Override
    protected boolean actsOnRelease() {
        return true;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        Optional<KeptContainer> kept = runtime.keepPrevious(target(execution), goLiveId(execution));
        if (kept.isEmpty()) {
            return Map.of("keptContainer", "none");
        }
        execution.setVariable(VAR_PREVIOUS_CONTAINER, kept.get().name());
        execution.setVariable(VAR_PREVIOUS_IMAGE, kept.get().image());
        return Map.of("keptContainer", kept.get().name(), "image", kept.get().image());
    }
}
