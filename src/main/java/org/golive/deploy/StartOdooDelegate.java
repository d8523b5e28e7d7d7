package org.golive.deploy;

import static org.golive.process.ProcessConstants.VAR_ENVIRONMENT;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.golive.evidence.EvidenceLog;
import org.golive.process.StepDelegate;
import org.springframework.stereotype.Component;

/** Starts Odoo and waits for its health check; with Odoo serving again, maintenance is over. */
@Component("startOdooDelegate")
public class StartOdooDelegate extends StepDelegate {

    private final OdooRuntimeService runtime;

    public StartOdooDelegate(EvidenceLog evidence, OdooRuntimeService runtime) {
        super(evidence);
        this.runtime = runtime;
    }

    @Override
    protected Map<String, Object> perform(DelegateExecution execution) {
        return Map.of("healthyAfterMillis", runtime.startOdoo(required(execution, VAR_ENVIRONMENT)).toMillis());
    }
}
