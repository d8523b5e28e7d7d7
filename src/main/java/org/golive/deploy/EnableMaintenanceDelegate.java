package org.golive.deploy;

import static org.golive.process.ProcessConstants.VAR_ENVIRONMENT;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.evidence.EvidenceLog;
import org.golive.process.StepDelegate;
import org.springframework.stereotype.Component;

@Component("enableMaintenanceDelegate")
public class EnableMaintenanceDelegate extends StepDelegate {

    private final OdooRuntimeService runtime;

    public EnableMaintenanceDelegate(EvidenceLog evidence, OdooRuntimeService runtime) {
        super(evidence);
        this.runtime = runtime;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        return runtime.enableMaintenance(required(execution, VAR_ENVIRONMENT))
                .<Map<String, Object>>map(c -> Map.of("stoppedContainer", c.name(), "image", c.image()))
                .orElse(Map.of("stoppedContainer", "none"));
    }
}
