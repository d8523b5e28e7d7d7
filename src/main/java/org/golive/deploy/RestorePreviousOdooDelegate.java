package org.golive.deploy;

import static org.golive.process.ProcessConstants.VAR_ENVIRONMENT;
import static org.golive.process.ProcessConstants.VAR_PREVIOUS_IMAGE;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.evidence.EvidenceLog;
import org.golive.process.StepDelegate;
import org.springframework.stereotype.Component;

@Component("restorePreviousOdooDelegate")
public class RestorePreviousOdooDelegate extends StepDelegate {

    private final OdooRuntimeService runtime;

    public RestorePreviousOdooDelegate(EvidenceLog evidence, OdooRuntimeService runtime) {
        super(evidence);
        this.runtime = runtime;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        String image = string(execution, VAR_PREVIOUS_IMAGE);
        long millis = runtime.restorePrevious(required(execution, VAR_ENVIRONMENT), goLiveId(execution), image).toMillis();
        return Map.of("image", String.valueOf(image), "healthyAfterMillis", millis);
    }
}
